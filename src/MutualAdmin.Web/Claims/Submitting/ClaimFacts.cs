using System.Text.Json;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore;
using MutualAdmin.Web.Enrolment;
using MutualAdmin.Web.Enrolment.Eligibility;
using MutualAdmin.Web.Schemes;
using Npgsql;

namespace MutualAdmin.Web.Claims.Submitting;

/// <summary>
/// Looks up what adjudication needs (AdjudicationFacts), inside the claim's transaction and after its
/// beneficiary's lock is taken, so the earlier claims and the benefit used are the ones the decision
/// must see (C-5 under concurrency).
/// </summary>
public sealed class ClaimFacts(EligibilityCheck eligibility, SchemeCatalogues schemes, Icd10Codes icd10, CoverTerms terms)
{
    public async Task<AdjudicationFacts> For(EventSession session, NpgsqlTransaction tx, ClaimSubmission claim, CancellationToken ct)
    {
        var cover = await eligibility.On(claim.BeneficiaryNumber, claim.CoverDate, ct) is { } found && found.Tenant == session.Tenant ? found : null;
        var scheme = await schemes.InForce(cover?.Scheme ?? terms.SchemeCode, claim.CoverDate, ct)
            ?? throw new DomainError("S-2", "NO_SCHEME_IN_FORCE", $"no version of the scheme is in force on {claim.CoverDate:yyyy-MM-dd}", "serviceDate");
        var patient = cover is null ? null : await PatientOf(session, tx, claim, cover, ct);
        var earlier = await Earlier(tx, claim, ct);

        // The coverage year is the twelve months to the day before its anniversary (E-6), as the Fund's answer counts it.
        DateOnly? yearStart = cover?.CoverTo is { } yearEnd ? yearEnd.AddDays(1).AddMonths(-12) : null;
        var used = cover?.CoverTo is { } end
            ? earlier.Where(e => e.CoverDate >= yearStart && e.CoverDate <= end).Sum(e => e.Benefit)
            : 0;
        var provisions = earlier.Where(e => e.Status != ClaimStatus.Rejected)
            .SelectMany(e => e.Decisions.Where(d => d.RejectionCode is null).Select(d => new Provision(d.TariffCode, e.CoverDate))).ToList();
        var others = earlier.Select(e => new PriorClaim(e.ClaimId, e.ProviderId, e.ServiceDate, e.Lines, e.Status == ClaimStatus.Rejected)).ToList();
        return new(scheme, patient, await icd10.All(ct), others, provisions, used, yearStart);
    }

    private static async Task<Patient?> PatientOf(EventSession session, NpgsqlTransaction tx, ClaimSubmission claim, Eligibility cover, CancellationToken ct)
    {
        await using var find = new NpgsqlCommand(
            "select household_id, person_id from eligibility_beneficiaries where beneficiary_number = $1", tx.Connection, tx);
        find.Parameters.Add(new() { Value = claim.BeneficiaryNumber });
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return null;
            var (householdId, personId) = (reader.GetGuid(0), reader.GetGuid(1));
            await reader.CloseAsync();
            if ((await session.FetchHousehold(householdId, ct)).State is not Household.Registered household) return null;
            var person = household.People.FirstOrDefault(p => p.PersonId == personId);
            return person is null ? null : new Patient(person.Sex, person.BirthDate, StateOf(cover.State));
        }
    }

    private static BeneficiaryState StateOf(string state) => state switch
    {
        "covered" => BeneficiaryState.Covered,
        "waiting" => BeneficiaryState.Waiting,
        "suspended" => BeneficiaryState.Suspended,
        "lapsed" => BeneficiaryState.Lapsed,
        "terminated" => BeneficiaryState.Terminated,
        _ => BeneficiaryState.NotAffiliated,
    };

    private sealed record EarlierClaim(Guid ClaimId, string ProviderId, DateOnly ServiceDate, DateOnly CoverDate,
        IReadOnlyList<ClaimLine> Lines, IReadOnlyList<LineDecision> Decisions, string Status, long Benefit);

    /// <summary>The beneficiary's claims in this tenant (numbers are platform-wide, claims are not shared).</summary>
    private static async Task<IReadOnlyList<EarlierClaim>> Earlier(NpgsqlTransaction tx, ClaimSubmission claim, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            select claim_id, provider_id, service_date, cover_date, lines::text, decisions::text, status, benefit
              from claims_register where beneficiary_number = $1 and claim_id <> $2
            """, tx.Connection, tx);
        command.Parameters.Add(new() { Value = claim.BeneficiaryNumber });
        command.Parameters.Add(new() { Value = claim.ClaimId });
        var claims = new List<EarlierClaim>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            claims.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3),
                JsonSerializer.Deserialize(reader.GetString(4), ClaimJson.Default.IReadOnlyListClaimLine)!,
                JsonSerializer.Deserialize(reader.GetString(5), ClaimJson.Default.IReadOnlyListLineDecision)!,
                reader.GetString(6), reader.GetInt64(7)));
        return claims;
    }
}
