using System.Text.Json.Nodes;
using MutualAdmin.Web.Reports;
using static MutualAdmin.Web.Ui.Dashboards.DashboardApi;

namespace MutualAdmin.Web.Ui.Dashboards;

/// <summary>
/// A month's dashboard figures as of a position: the month's R-1 (with the five months before it for
/// the trend), R-2 and R-3 counted by the report builders, for the whole mutual or a locality's part.
/// </summary>
public sealed class DashboardData(AffiliationRegister registers, ContributionStatement statements, ClaimsStatement claimStatements,
    ReportFolds folds)
{
    public async Task<DashboardApi.Figures> Of(string tenant, Period period, long position, LocalityFilter filter, CancellationToken ct)
    {
        // The register's fold, kept between requests, also gathered the localities: no person's sealed data is opened.
        var (taken, scope, localities) = await registers.Take(tenant, position, filter, ct);
        var months = Enumerable.Range(0, TrendMonths).Select(i => period.First.AddMonths(i - TrendMonths + 1))
            .Select(first => new Period(first.Year, first.Month)).ToList();
        var registersByMonth = AffiliationRegister.Render(tenant, taken, months, position, scope);
        var trend = months.Zip(registersByMonth, (month, register) =>
            new MonthEnrolment(month.ToString(), Number(register["stock"]!["total"]), Number(register["flows"]!["new"]))).ToList();
        var stock = registersByMonth[^1]["stock"]!;
        var contributions = await statements.Build(tenant, period, position, scope, ct);
        var claims = await claimStatements.Build(tenant, period, position, scope, contributions, ct);
        var diagnoses = await TopDiagnoses.Of(folds, tenant, period, position, scope, ct);
        var received = claims["received"]!.AsObject();
        return new DashboardApi.Figures(period.ToString(), position, trend,
            Flat(stock["byState"]!), Summed(stock["bySex"]!), Summed(stock["byAgeBand"]!),
            Number(contributions["due"]!["total"]), Number(contributions["collected"]!["total"]), Flat(contributions["collected"]!["byMethod"]!),
            Number(contributions["arrears"]!["total"]), Flat(contributions["arrears"]!["byAge"]!),
            new DashboardApi.Claims(received.Where(p => p.Key is not ("claims" or "claimed")).ToDictionary(p => p.Key, p => Number(p.Value)),
                Number(claims["decided"]!["benefit"]), claims["claimsRatio"]?.GetValue<decimal>(),
                claims["daysToDecision"]!["average"]!.GetValue<decimal>(), Number(claims["daysToDecision"]!["p90"]),
                Flat(claims["rejectionReasons"]!)), diagnoses, filter, localities);
    }

    // Counts are written as int or long; reading the JSON text takes either.
    private static long Number(JsonNode? node) => node is null ? 0 : long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, long> Flat(JsonNode node) => node.AsObject().ToDictionary(p => p.Key, p => Number(p.Value));

    /// <summary>R-1 counts each key within each state; the dashboard shows the key across states.</summary>
    private static Dictionary<string, long> Summed(JsonNode byState) => byState.AsObject()
        .SelectMany(state => state.Value!.AsObject().Select(p => (p.Key, Value: Number(p.Value))))
        .GroupBy(p => p.Key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
}
