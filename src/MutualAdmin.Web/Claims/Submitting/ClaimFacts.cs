using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.EventStore;
using MutualAdmin.Web.Enrolment;
using MutualAdmin.Web.Enrolment.Eligibility;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Claims.Submitting;

/// <summary>
/// Looks up what adjudication needs (AdjudicationFacts) in two steps: first what the claims lock does
/// not protect (cover on the cover date, the scheme version in force, the patient, the ICD-10 list),
/// read before the lock so that it is held as briefly as possible; then, under the lock, the
/// beneficiary's earlier claims (BeneficiaryClaims), from which duplicates, frequency limits and the
/// benefit used in the coverage year follow (C-3, C-5).
/// </summary>
public sealed class ClaimFacts(EligibilityCheck eligibility, SchemeCatalogues schemes, Icd10Codes icd10, DefaultScheme defaultScheme)
{
    public sealed record Known(Eligibility? Cover, SchemeVersion Scheme, Patient? Patient, IReadOnlySet<string> Icd10Codes);

    public async Task<Known> Before(EventSession session, ClaimSubmission claim, CancellationToken ct)
    {
        // Another mutual's beneficiary is unknown here, as the staff's eligibility check says.
        var located = await eligibility.Locate(claim.BeneficiaryNumber, claim.CoverDate, ct);
        if (located?.Eligibility.Tenant != session.Tenant) located = null;
        var cover = located?.Eligibility;
        var scheme = await schemes.InForce(cover?.Scheme ?? defaultScheme.Code, claim.CoverDate, ct)
            ?? throw new DomainError("S-2", "NO_SCHEME_IN_FORCE", $"no version of the scheme is in force on {claim.CoverDate:yyyy-MM-dd}", "serviceDate");
        var patient = located is var (c, household, person) ? await PatientOf(session, household, person, c.State, ct) : null;
        return new(cover, scheme, patient, await icd10.All(ct));
    }

    public static AdjudicationFacts With(Known known, IReadOnlyList<EarlierClaim> earlier)
    {
        // The coverage year is the twelve months to the day before its anniversary (E-6), as the Fund's answer counts it.
        var yearEnd = known.Cover?.CoverTo;
        DateOnly? yearStart = yearEnd?.AddDays(1).AddMonths(-12);
        var used = yearEnd is { } end ? earlier.Where(e => e.CoverDate >= yearStart && e.CoverDate <= end).Sum(e => e.Benefit) : 0;
        var provisions = earlier.Where(e => e.Status != ClaimStatus.Rejected)
            .SelectMany(e => e.Decisions.Where(d => d.RejectionCode is null).Select(d => new Provision(d.TariffCode, e.CoverDate))).ToList();
        var others = earlier.Select(e => new PriorClaim(e.ClaimId, e.ProviderId, e.ServiceDate, e.Lines, e.Status == ClaimStatus.Rejected)).ToList();
        return new(known.Scheme, known.Patient, known.Icd10Codes, others, provisions, used, yearStart);
    }

    private static async Task<Patient?> PatientOf(EventSession session, Guid householdId, Guid personId, string state, CancellationToken ct)
    {
        if ((await session.FetchHousehold(householdId, ct)).State is not Household.Registered household) return null;
        var person = household.People.FirstOrDefault(p => p.PersonId == personId);
        return person is null ? null : new Patient(person.Sex, person.BirthDate, StateOf(state));
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
}
