using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Enrolment.Eligibility;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Fund.Eligibility;

/// <summary>fund-api.md "Eligibility": the answer with the scheme version in force and the ceiling left.</summary>
public sealed record FundEligibilityAnswer(
    string Beneficiary, DateOnly Date, bool Covered, string State, string Tenant, string? Scheme, int? SchemeVersion,
    DateOnly? CoverFrom, DateOnly? CoverTo, long? CeilingRemaining, string? Currency, string? Reason, long? AnnualCeiling);

/// <summary>
/// <c>GET /fund/v1/eligibility?beneficiary=&amp;date=</c> for the Fund, across every mutual: the eligibility
/// index (one read), the scheme version in force on the date (S-2) and the annual ceiling less the
/// benefit used in the coverage year that holds the date (C-5).
/// </summary>
public sealed class FundEligibility(EligibilityCheck check, SchemeCatalogues schemes, IEnumerable<IBenefitUsage> usage)
{
    public async Task<FundEligibilityAnswer?> On(string beneficiary, DateOnly date, CancellationToken ct)
    {
        if (await check.On(beneficiary, date, ct) is not { } found) return null;
        var version = found.Scheme is { } code ? await schemes.InForce(code, date, ct) : null;
        long? remaining = null;
        if (version is not null && found.CoverTo is { } yearEnd)
        {
            // The coverage year is twelve months to the day before its anniversary (E-6).
            var yearStart = yearEnd.AddDays(1).AddMonths(-12);
            long used = 0;
            foreach (var u in usage) used += await u.UsedIn(found.Beneficiary, yearStart, yearEnd, ct);
            remaining = Math.Max(0, version.AnnualCeilingPerBeneficiary - used);
        }
        return new(found.Beneficiary, found.Date, found.Covered, found.State, found.Tenant, found.Scheme, version?.Version,
            found.CoverFrom, found.CoverTo, remaining, version?.Currency, found.Reason, version?.AnnualCeilingPerBeneficiary);
    }

    public static async Task<Results<Ok<FundEligibilityAnswer>, ProblemHttpResult>> Handle(string? beneficiary, DateOnly? date,
        FundEligibility eligibility, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(beneficiary)) errors["beneficiary"] = ["a beneficiary number is required"];
        if (date is null) errors["date"] = ["a date (yyyy-MM-dd) is required"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return await eligibility.On(beneficiary!, date!.Value, ct) is { } answer
            ? TypedResults.Ok(answer)
            : TypedResults.Problem(statusCode: 404, type: Problems.BeneficiaryUnknown, title: "No such beneficiary number.");
    }
}
