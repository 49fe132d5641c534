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
        DashboardData data, EventStore.EventStore store, CancellationToken ct)
    {
        if (!Period.TryParse(month, out var period)) throw RequestValidationException.For("month", "a month written yyyy-MM");
        var filter = new LocalityFilter(Blank(region), Blank(district), Blank(commune));
        return TypedResults.Ok(await data.Of(actor.Tenant, period, await store.HeadPosition(ct), filter, ct));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
