using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Reports;

namespace MutualAdmin.Web.Ui.Dashboards;

/// <summary>
/// <c>GET /api/dashboard?month=yyyy-MM[&amp;region=…&amp;district=…&amp;commune=…]</c> (managers, auditors): a
/// month's figures for the dashboard page. They are counted by the builders of that month's statutory
/// reports at one position, now, so a chart never disagrees with the report the Fund
/// receives for the same position; with a locality, only its households, their accounts and their
/// beneficiaries' claims are counted. Top diagnoses are the staff's alone (<see cref="TopDiagnoses"/>).
/// </summary>
public static class DashboardApi
{
    /// <summary>How many months the enrolment trend shows, ending with the chosen one.</summary>
    public const int TrendMonths = 6;

    public sealed record MonthEnrolment(string Month, long Beneficiaries, long NewAffiliations);

    public sealed record Figures(string Month, long Position, IReadOnlyList<MonthEnrolment> Enrolment,
        IReadOnlyDictionary<string, long> ByState, IReadOnlyDictionary<string, long> BySex, IReadOnlyDictionary<string, long> ByAgeBand,
        long Due, long Collected, IReadOnlyDictionary<string, long> CollectedByMethod, long Arrears, IReadOnlyDictionary<string, long> ArrearsByAge,
        Claims Claims, IReadOnlyList<DiagnosisCount> TopDiagnoses, LocalityFilter Locality, IReadOnlyList<Locality> Localities);

    /// <summary>R-3: claims received by outcome at month end, benefit approved, the claims ratio, days to decision, rejection reasons.</summary>
    public sealed record Claims(IReadOnlyDictionary<string, long> ByOutcome, long Benefit, decimal? ClaimsRatio,
        decimal DaysToDecisionAverage, long DaysToDecisionP90, IReadOnlyDictionary<string, long> RejectionReasons);

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", Handle).WithTags("Dashboards").ForStaff(StaffRole.Manager, StaffRole.Auditor);
        return app;
    }

    private static async Task<Ok<Figures>> Handle(string month, string? region, string? district, string? commune, Actor actor,
        AffiliationRegister registers, ContributionStatement statements, ClaimsStatement claimStatements, EventStore.EventStore store, CancellationToken ct)
    {
        if (!Period.TryParse(month, out var period)) throw RequestValidationException.For("month", "a month written yyyy-MM");
        var position = await store.HeadPosition(ct);
        var filter = new LocalityFilter(Blank(region), Blank(district), Blank(commune));
        // Two reads of the log at once, on two connections: the mutual's fold and the locality's part of it.
        var folding = registers.Fold(actor.Tenant, position, ct, personalData: false);
        var locating = LocalityScope.Read(store, actor.Tenant, position, filter, ct);
        await Task.WhenAll(folding, locating);
        var (scope, localities) = await locating;
        var months = Enumerable.Range(0, TrendMonths).Select(i => period.First.AddMonths(i - TrendMonths + 1))
            .Select(first => new Period(first.Year, first.Month)).ToList();
        var registersByMonth = AffiliationRegister.Render(actor.Tenant, await folding, months, position, scope);
        var trend = months.Zip(registersByMonth, (month, register) =>
            new MonthEnrolment(month.ToString(), Number(register["stock"]!["total"]), Number(register["flows"]!["new"]))).ToList();
        var stock = registersByMonth[^1]["stock"]!;
        var contributions = await statements.Build(actor.Tenant, period, position, scope, ct);
        var claims = await claimStatements.Build(actor.Tenant, period, position, scope, contributions, ct);
        var diagnoses = await TopDiagnoses.Of(store, actor.Tenant, period, position, scope, ct);
        var received = claims["received"]!.AsObject();
        return TypedResults.Ok(new Figures(period.ToString(), position, trend,
            Flat(stock["byState"]!), Summed(stock["bySex"]!), Summed(stock["byAgeBand"]!),
            Number(contributions["due"]!["total"]), Number(contributions["collected"]!["total"]), Flat(contributions["collected"]!["byMethod"]!),
            Number(contributions["arrears"]!["total"]), Flat(contributions["arrears"]!["byAge"]!),
            new Claims(received.Where(p => p.Key is not ("claims" or "claimed")).ToDictionary(p => p.Key, p => Number(p.Value)),
                Number(claims["decided"]!["benefit"]), claims["claimsRatio"]?.GetValue<decimal>(),
                claims["daysToDecision"]!["average"]!.GetValue<decimal>(), Number(claims["daysToDecision"]!["p90"]),
                Flat(claims["rejectionReasons"]!)), diagnoses, filter, localities));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Counts are written as int or long; reading the JSON text takes either.
    private static long Number(JsonNode? node) => node is null ? 0 : long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, long> Flat(JsonNode node) => node.AsObject().ToDictionary(p => p.Key, p => Number(p.Value));

    /// <summary>R-1 counts each key within each state; the dashboard shows the key across states.</summary>
    private static Dictionary<string, long> Summed(JsonNode byState) => byState.AsObject()
        .SelectMany(state => state.Value!.AsObject().Select(p => (p.Key, Value: Number(p.Value))))
        .GroupBy(p => p.Key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
}
