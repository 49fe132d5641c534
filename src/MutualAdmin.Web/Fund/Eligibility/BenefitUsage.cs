namespace MutualAdmin.Web.Fund.Eligibility;

/// <summary>
/// The benefit already paid out to a beneficiary in a coverage year (C-5), which the claims feature
/// keeps. The Fund's eligibility answer subtracts it from the annual ceiling.
/// </summary>
public interface IBenefitUsage
{
    Task<long> UsedIn(string beneficiaryNumber, DateOnly yearStart, DateOnly yearEnd, CancellationToken ct);
}
