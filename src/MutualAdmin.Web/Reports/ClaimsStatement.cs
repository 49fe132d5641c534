using MutualAdmin.EventStore.Events;
using System.Text.Json.Nodes;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using static MutualAdmin.Domain.Claims.Claim;

namespace MutualAdmin.Web.Reports;

/// <summary>
/// R-3, the claims and benefits statement of one mutual for one month, as of an event position: the
/// tenant's claims folded again from their events up to the position. A claim counts in the
/// month it was received (submitted); its outcome is the one it had at month end, so a claim decided
/// later is still "pending-review" in its month. Amounts, rejection reasons and days to decision are
/// of the claims decided in the month; benefits paid are those paid in the month; the claims ratio is
/// the benefit approved in the month over the contributions collected in it (R-2's collections).
/// </summary>
public sealed class ClaimsStatement(ReportFolds folds, ContributionStatement contributions)
{
    private static readonly string[] Outcomes = ["approved", "partially-approved", "rejected", "pending-review"];

    private sealed record Folded(ClaimSubmission Submission, string Outcome, string? RejectionCode, IReadOnlyList<LineDecision> Lines,
        DateOnly? DecidedOn, DateOnly? PaidOn, long Benefit);

    /// <summary>The mutual's claims folded (kept between requests, <see cref="ReportFolds"/>).</summary>
    internal sealed class ClaimsFold : ReportFold
    {
        private static readonly string[] All = [.. Claim.Events.Values];
        public override string[] Types => All;
        public override bool Guarded => true;
        public override EventStore.EventReader Reader(EventStore.EventReader reader) => reader;

        public readonly Dictionary<string, Claim> Claims = [];

        public override void Apply(RecordedEvent e)
        {
            if (e.Data is IClaimEvent c) Claims[e.StreamKey] = Claim.Evolve(Claims.GetValueOrDefault(e.StreamKey) ?? Claim.Initial, c);
        }
    }

    /// <param name="scope">Only the claims for these beneficiaries, and their contributions (the dashboard's locality); null for the whole mutual.</param>
    public async Task<JsonObject> Build(string tenant, Period period, long position, ReportScope? scope, CancellationToken ct) =>
        await Build(tenant, period, position, scope, await contributions.Build(tenant, period, position, scope, ct), ct);

    /// <param name="contributionStatement">R-2 of the same month, position and scope, for a caller that has built it
    /// already (the dashboard): its collected total is the claims ratio's denominator.</param>
    public Task<JsonObject> Build(string tenant, Period period, long position, ReportScope? scope, JsonObject contributionStatement,
        CancellationToken ct) =>
        folds.Read(tenant, position, () => new ClaimsFold(), fold => Render(tenant, period, position, scope, contributionStatement, fold.Claims), ct);

    private static JsonObject Render(string tenant, Period period, long position, ReportScope? scope, JsonObject contributionStatement,
        Dictionary<string, Claim> claims)
    {
        var folded = claims.Values.Select(Fold).OfType<Folded>().Where(c => scope?.BeneficiaryNumbers.Contains(c.Submission.BeneficiaryNumber) != false).ToList();
        // Outcome at month end: decided after it, still pending in this month's statement.
        string OutcomeInMonth(Folded c) => c.DecidedOn is { } d && d <= period.Last ? c.Outcome : "pending-review";
        var received = folded.Where(c => period.Contains(c.Submission.SubmittedOn)).ToList();
        var decided = folded.Where(c => c.DecidedOn is { } d && period.Contains(d)).ToList();
        var days = decided.Select(c => c.DecidedOn!.Value.DayNumber - c.Submission.SubmittedOn.DayNumber).Order().ToList();
        var collected = contributionStatement["collected"]!["total"]!.GetValue<long>();
        var approvedBenefit = decided.Sum(c => c.Benefit);

        return new JsonObject
        {
            ["kind"] = ReportKind.Claims,
            ["tenant"] = tenant,
            ["period"] = period.ToString(),
            ["position"] = position,
            ["received"] = Counts(received, OutcomeInMonth),
            ["byProviderLevel"] = new JsonObject([.. received.GroupBy(c => c.Submission.ProviderLevel).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)Counts([.. g], OutcomeInMonth)))]),
            ["decided"] = new JsonObject
            {
                ["claims"] = decided.Count,
                ["claimed"] = decided.Sum(c => c.Lines.Sum(l => l.Claimed)),
                ["eligible"] = decided.Sum(c => c.Lines.Sum(l => l.Eligible)),
                ["benefit"] = approvedBenefit,
                ["coPayment"] = decided.Sum(c => c.Lines.Sum(l => l.CoPayment)),
            },
            ["byBenefitCategory"] = new JsonObject([.. decided.SelectMany(c => c.Lines).GroupBy(l => l.Category ?? "unknown")
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)new JsonObject
                {
                    ["lines"] = g.Count(), ["claimed"] = g.Sum(l => l.Claimed), ["eligible"] = g.Sum(l => l.Eligible),
                    ["benefit"] = g.Sum(l => l.Benefit), ["coPayment"] = g.Sum(l => l.CoPayment),
                }))]),
            ["rejectionReasons"] = new JsonObject([.. decided.SelectMany(Reasons).GroupBy(r => r)
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]),
            ["benefitsPaid"] = folded.Where(c => c.PaidOn is { } p && period.Contains(p)).Sum(c => c.Benefit),
            ["daysToDecision"] = new JsonObject
            {
                ["average"] = days.Count == 0 ? 0 : Math.Round((decimal)days.Sum() / days.Count, 2),
                ["p90"] = days.Count == 0 ? 0 : days[(int)Math.Ceiling(0.9 * days.Count) - 1],
            },
            ["contributionsCollected"] = collected,
            ["claimsRatio"] = collected == 0 ? null : Math.Round((decimal)approvedBenefit / collected, 4),
        };
    }

    private static JsonObject Counts(IReadOnlyList<Folded> claims, Func<Folded, string> outcome)
    {
        var counts = new JsonObject { ["claims"] = claims.Count, ["claimed"] = claims.Sum(c => c.Submission.Claimed) };
        foreach (var o in Outcomes) counts[o] = claims.Count(c => outcome(c) == o);
        return counts;
    }

    /// <summary>A rejected claim's reason, and each rejected line's.</summary>
    private static IEnumerable<string> Reasons(Folded c) =>
        (c.RejectionCode is { } claim ? [claim] : Array.Empty<string>())
        .Concat(c.RejectionCode is null ? c.Lines.Where(l => l.RejectionCode is not null).Select(l => l.RejectionCode!) : []);

    private static Folded? Fold(Claim claim) => claim switch
    {
        PendingReview p => new(p.Submission, "pending-review", null, p.AutomaticLines, null, null, 0),
        AwaitingSecondApproval a => new(a.Submission, "pending-review", null, a.Lines, null, null, 0),
        Decided d => new(d.Submission, WireNames.Of(d.Outcome), d.RejectionCode, d.Lines, d.DecidedOn, null, d.Benefit),
        Paid p => new(p.Submission, WireNames.Of(p.Outcome), null, p.Lines, p.DecidedOn, p.PaidOn, p.Benefit),
        _ => null,
    };
}
