using System.Text.Json.Nodes;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.Web.Reports;

/// <summary>
/// R-2, the contribution and remittance statement of one mutual for one month, as of an event
/// position: the tenant's contribution accounts and remittance statements folded again from their
/// events up to the position. Due = member and subsidy shares falling due in the month;
/// collected = payments dated in the month less reversals dated in it, by method; arrears by age at
/// month end (K-6 ageing); fee, amount to remit and subsidies claimed as the month's live statement
/// (K-8) says them, with its state ("not-prepared" when there is none yet).
/// </summary>
public sealed class ContributionStatement(ReportFolds folds)
{
    private static readonly (string Bucket, int From, int To)[] Ages = [("1-30", 1, 30), ("31-90", 31, 90), ("91-180", 91, 180), (">180", 181, int.MaxValue)];

    /// <summary>The mutual's contribution accounts and remittance statements folded (kept between requests, <see cref="ReportFolds"/>).</summary>
    internal sealed class AccountsFold : ReportFold
    {
        private static readonly string[] All = [.. ContributionAccount.Events.Values, .. Remittance.Events.Values];
        public override string[] Types => All;
        // Issue 22: an impossible amount is named by its event, or skipped once a manager disregarded it by then.
        public override bool Guarded => true;

        public readonly Dictionary<string, ContributionAccount> Accounts = [];
        public readonly Dictionary<string, Remittance> Statements = [];

        public override void Apply(RecordedEvent e)
        {
            switch (e.Data)
            {
                case IContributionEvent c:
                    Accounts[e.StreamKey] = ContributionAccount.Evolve(Accounts.GetValueOrDefault(e.StreamKey) ?? ContributionAccount.Initial, c);
                    break;
                case IRemittanceEvent r:
                    Statements[e.StreamKey] = Remittance.Evolve(Statements.GetValueOrDefault(e.StreamKey) ?? Remittance.Initial, r);
                    break;
            }
        }
    }

    /// <param name="scope">Only the accounts of these affiliations (the dashboard's locality); null for the whole mutual.
    /// The remittance is the mutual's whatever the scope.</param>
    public Task<JsonObject> Build(string tenant, Period period, long position, ReportScope? scope, CancellationToken ct) =>
        folds.Read(tenant, position, () => new AccountsFold(), fold => Render(tenant, period, position, scope, fold.Accounts, fold.Statements), ct);

    private static JsonObject Render(string tenant, Period period, long position, ReportScope? scope,
        Dictionary<string, ContributionAccount> accounts, Dictionary<string, Remittance> statements)
    {
        var open = accounts.Values.OfType<ContributionAccount.Open>().Where(a => scope?.Affiliations.Contains(a.AffiliationId) != false).ToList();
        var dueInMonth = open.SelectMany(a => a.Instalments).Where(i => i.DueOn is { } d && period.Contains(d)).ToList();
        var payments = open.SelectMany(a => a.Payments).ToList();
        var collected = payments.Where(p => period.Contains(p.PaidOn)).Select(p => (p.Method, p.Amount))
            .Concat(payments.Where(p => p.ReversedOn is { } r && period.Contains(r)).Select(p => (p.Method, Amount: -p.Amount)))
            .GroupBy(x => x.Method).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var arrears = open.SelectMany(a => Arrears.On(a, period.Last)).ToList();
        var live = statements.Values.OfType<Remittance.Statement>()
            .Where(s => s.Period == period.ToString() && s.State != RemittanceState.Superseded).MaxBy(s => s.State);

        return new JsonObject
        {
            ["kind"] = ReportKind.Contributions,
            ["tenant"] = tenant,
            ["period"] = period.ToString(),
            ["position"] = position,
            ["due"] = new JsonObject
            {
                ["memberShares"] = dueInMonth.Sum(i => i.MemberShare),
                ["subsidyShares"] = dueInMonth.Sum(i => i.SubsidyShare),
                ["total"] = dueInMonth.Sum(i => i.MemberShare + i.SubsidyShare),
            },
            ["collected"] = new JsonObject
            {
                ["total"] = collected.Sum(g => g.Sum(x => x.Amount)),
                ["byMethod"] = new JsonObject([.. collected.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Sum(x => x.Amount)))]),
            },
            ["arrears"] = new JsonObject
            {
                ["total"] = arrears.Sum(l => l.Amount),
                ["byAge"] = new JsonObject([.. Ages.Select(a => KeyValuePair.Create(a.Bucket,
                    (JsonNode?)arrears.Where(l => l.DaysOverdue >= a.From && l.DaysOverdue <= a.To).Sum(l => l.Amount)))]),
            },
            ["remittance"] = live is null ? new JsonObject { ["state"] = "not-prepared" } : new JsonObject
            {
                ["remittanceId"] = live.RemittanceId.ToString(),
                ["state"] = live.State.ToString().ToLowerInvariant(),
                ["collected"] = live.Collected,
                ["administrativeFee"] = live.Fee,
                ["toRemit"] = live.ToRemit,
                ["subsidiesClaimed"] = live.SubsidiesClaimed.Sum(s => s.Amount),
            },
        };
    }
}
