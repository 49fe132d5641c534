using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Web.Contributions;

/// <summary>
/// The inline read models of contributions (architecture.md decision 5), written in the appending
/// transaction because commands read them: the receipt index (K-4, its primary key decides a race
/// between two payments with one receipt number), accounts by affiliation (K-6 in the eligibility
/// index) and subsidy receivables by due date (K-7, K-8).
/// </summary>
public sealed class ContributionIndex : IInlineProjection
{
    public bool Concerns(IReadOnlyList<PendingEvent> events) =>
        events.Any(e => e.Data is IContributionEvent or Audit.Disregarding.EventDisregarded { EventType: PaidAlias });

    private const string PaidAlias = "contribution-paid";

    public async Task Apply(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var e in events)
            foreach (var command in Commands(tenant, e.Data))
                batch.BatchCommands.Add(command);
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    private static IEnumerable<NpgsqlBatchCommand> Commands(string tenant, object data)
    {
        switch (data)
        {
            case ContributionAccountOpened o:
                yield return Command("insert into contribution_accounts values ($1, $2, $3) on conflict do nothing", tenant, o.AccountId, o.AffiliationId);
                foreach (var i in o.Instalments.Where(i => i.SubsidyShare > 0)) yield return Receivable(tenant, o.AccountId, i);
                break;
            case CoverageYearStarted s:
                foreach (var d in s.DueDates)
                    yield return Command("update subsidy_receivables set due_on = $4 where tenant_id = $1 and account_id = $2 and instalment = $3",
                        tenant, s.AccountId, d.Number, d.DueOn);
                break;
            case BeneficiaryContributionCalled c when c.Instalment.SubsidyShare > 0:
                yield return Receivable(tenant, c.AccountId, c.Instalment);
                break;
            case ContributionPaid p:
                // No "on conflict": a receipt number taken by a concurrent unit must fail this one (K-4).
                yield return Command("insert into contribution_receipts values ($1, $2, $3, $4, $5, $6, null)",
                    tenant, p.Receipt, p.AccountId, p.Amount, p.PaidOn, p.Method);
                break;
            case ContributionReversed r:
                yield return Command("update contribution_receipts set reversed_on = $3 where tenant_id = $1 and receipt = $2",
                    tenant, r.Receipt, r.ReversedOn);
                break;
            // Issue 22: a disregarded payment of an impossible amount leaves the receipt index, so a month's
            // statement (K-8) no longer adds it up and its receipt number is free to be entered right.
            case Audit.Disregarding.EventDisregarded { EventType: PaidAlias } d
                when d.StreamKey.StartsWith("contribution-account-", StringComparison.Ordinal)
                    && Guid.TryParse(d.StreamKey["contribution-account-".Length..], out var account):
                yield return Command("delete from contribution_receipts where tenant_id = $1 and account_id = $2 and amount not between -$3 and $3",
                    tenant, account, Domain.Amounts.MaxStorable);
                break;
        }
    }

    private static NpgsqlBatchCommand Receivable(string tenant, Guid account, Instalment i) => Command(
        "insert into subsidy_receivables values ($1, $2, $3, $4, $5) on conflict do nothing",
        tenant, account, i.Number, new NpgsqlParameter { Value = (object?)i.DueOn ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date }, i.SubsidyShare);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(v as NpgsqlParameter ?? new NpgsqlParameter { Value = v });
        return command;
    }
}
