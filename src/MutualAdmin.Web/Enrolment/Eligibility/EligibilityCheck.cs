using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Enrolment.Eligibility;

public sealed record Eligibility(
    string Beneficiary, DateOnly Date, bool Covered, string State, string Tenant, string? Scheme,
    DateOnly? CoverFrom, DateOnly? CoverTo, string? Reason);

/// <summary>
/// One read of the index answers "is this beneficiary covered on this date" (fund-api.md, Eligibility;
/// claims, C-2). With several affiliations on one date (a lapsed one and its successor) the most
/// favourable state wins.
/// </summary>
public sealed class EligibilityCheck(NpgsqlDataSource db)
{
    private static readonly string[] Preference = ["covered", "suspended", "waiting", "terminated", "lapsed"];

    /// <summary>Null for an unknown number or a bad check digit (E-2).</summary>
    public async Task<Eligibility?> On(string number, DateOnly date, CancellationToken ct) =>
        (await Locate(number, date, ct))?.Eligibility;

    /// <summary>The answer with the person it is about (household and person ids), for adjudication (C-2).</summary>
    public async Task<(Eligibility Eligibility, Guid HouseholdId, Guid PersonId)?> Locate(string number, DateOnly date, CancellationToken ct)
    {
        if (!BeneficiaryNumber.IsValid(number)) return null;
        number = BeneficiaryNumber.Normalise(number);
        await using var command = db.CreateCommand("""
            select b.tenant_id, p.state, p.cover_from, p.cover_to, p.scheme_code, b.household_id, b.person_id
              from eligibility_beneficiaries b
              left join eligibility_periods p on p.beneficiary_number = b.beneficiary_number
                   and p.valid_from <= $2 and (p.valid_to is null or p.valid_to >= $2)
             where b.beneficiary_number = $1
            """);
        command.Parameters.Add(new() { Value = number });
        command.Parameters.Add(new() { Value = date });
        var rows = new List<(string Tenant, string? State, DateOnly? From, DateOnly? To, string? Scheme, Guid Household, Guid Person)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetGuid(5), reader.GetGuid(6)));
        if (rows.Count == 0) return null;
        var best = rows.OrderBy(r => r.State is null ? 99 : Array.IndexOf(Preference, r.State)).First();
        var state = best.State ?? "not-affiliated";
        return (new(number, date, state == "covered", state, best.Tenant, best.Scheme, best.From, best.To, Reason(state)), best.Household, best.Person);
    }

    /// <summary>C-3: the rejection a claim on that date would get.</summary>
    private static string? Reason(string state) => state switch
    {
        "covered" => null,
        "waiting" => "IN_WAITING_PERIOD",
        "suspended" => "SUSPENDED",
        _ => "NOT_COVERED",
    };

    /// <summary>Staff see their own mutual's beneficiaries only; another mutual's number is unknown to them.</summary>
    public static async Task<Results<Ok<Eligibility>, ProblemHttpResult>> ForStaff(string beneficiary, DateOnly date,
        Actor actor, EligibilityCheck check, CancellationToken ct) =>
        await check.On(beneficiary, date, ct) is { } found && found.Tenant == actor.Tenant
            ? TypedResults.Ok(found)
            : TypedResults.Problem(statusCode: 404, type: Problems.BeneficiaryUnknown, title: "No such beneficiary number.");
}
