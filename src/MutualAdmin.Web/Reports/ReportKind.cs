using System.Globalization;

namespace MutualAdmin.Web.Reports;

/// <summary>The statutory reports of domain.md R-1 … R-3, by their fund-api.md names.</summary>
public static class ReportKind
{
    public const string AffiliationRegister = "affiliation-register", Contributions = "contributions", Claims = "claims";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { AffiliationRegister, Contributions, Claims };
}

/// <summary>
/// A report's month, written yyyy-MM, from 1900-01 to 9998-12: the months a report, trend or
/// statement reaches from it (a year either way) stay inside the calendar.
/// </summary>
public readonly record struct Period(int Year, int Month)
{
    public DateOnly First => new(Year, Month, 1);
    public DateOnly Last => First.AddMonths(1).AddDays(-1);
    public bool Contains(DateOnly date) => date >= First && date <= Last;
    public override string ToString() => First.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (!DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || first.Year is < 1900 or > 9998) return false;
        period = new(first.Year, first.Month);
        return true;
    }
}
