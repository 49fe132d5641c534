using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Enrolment.Eligibility;
using MutualAdmin.Domain.Schemes;
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
        // The scheme and the benefit used are independent look-ups: asked together, they travel in one batch.
        var scheme = found.Scheme is { } code ? schemes.InForce(code, date, ct) : Task.FromResult<SchemeVersion?>(null);
        var used = found.Scheme is not null && found.CoverTo is { } yearEnd ? Used(found.Beneficiary, yearEnd, ct) : Task.FromResult(0L);
        await Task.WhenAll(scheme, used);
        var version = scheme.Result;
        long? remaining = version is not null && found.CoverTo is not null
            ? Math.Max(0, version.AnnualCeilingPerBeneficiary - used.Result)
            : null;
        return new(found.Beneficiary, found.Date, found.Covered, found.State, found.Tenant, found.Scheme, version?.Version,
            found.CoverFrom, found.CoverTo, remaining, version?.Currency, found.Reason, version?.AnnualCeilingPerBeneficiary);
    }

    /// <summary>The benefit used in the coverage year ending on <paramref name="yearEnd"/>: twelve months to the day before its anniversary (E-6).</summary>
    private async Task<long> Used(string beneficiary, DateOnly yearEnd, CancellationToken ct)
    {
        var yearStart = yearEnd.AddDays(1).AddMonths(-12);
        var all = await Task.WhenAll(usage.Select(u => u.UsedIn(beneficiary, yearStart, yearEnd, ct)));
        return all.Sum();
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
