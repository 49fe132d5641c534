using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Web.Contributions.Ageing;

/// <summary>
/// The arrears ledger (async, R-2): one row per instalment with its member share and what is paid of
/// it. Ages are not stored: they depend on the day asked, and a projection never reads the clock,
/// so <see cref="ArrearsList"/> ages the rows at query time. A row is idempotent by position.
/// </summary>
public sealed class ArrearsLedger : IProjection
{
    public const string Table = "arrears_ledger";
    public string Name => "arrears-ledger";
    public IReadOnlyCollection<string> EventTypes => ContributionAccount.Events.Values.ToList();
    public IReadOnlyCollection<string> Tables => [Table];

    public string CreateTables(ProjectionTables tables) => $"""
        create table {tables[Table]} (
            tenant_id text not null, account_id uuid not null, instalment int not null, affiliation_id uuid not null,
            due_on date, member_share bigint not null, member_paid bigint not null, position bigint not null,
            primary key (tenant_id, account_id, instalment));
        create index on {tables[Table]} (tenant_id, due_on) where member_paid < member_share;
        """;

    public async Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var table = batch.Tables[Table];
        await using var sql = new NpgsqlBatch(connection, transaction);
        foreach (var e in await Audit.Disregarding.Disregards.Foldable(batch.Events, connection, transaction, ct))
            foreach (var command in Commands(e, table)) sql.BatchCommands.Add(command);
        if (sql.BatchCommands.Count > 0) await sql.ExecuteNonQueryAsync(ct);
    }

    private static IEnumerable<NpgsqlBatchCommand> Commands(RecordedEvent e, string table) => e.Data switch
    {
        ContributionAccountOpened o => o.Instalments.Select(i => Insert(e, table, o.AccountId, $"'{o.AffiliationId}'::uuid", i)),
        BeneficiaryContributionCalled c => [Insert(e, table, c.AccountId,
            $"(select affiliation_id from {table} where tenant_id = $1 and account_id = $2 limit 1)", c.Instalment)],
        CoverageYearStarted s => s.DueDates.Select(d => Update(e, table, s.AccountId, d.Number, "due_on = $5", d.DueOn)),
        ContributionPaid p => Paid(e, table, p.AccountId, p.Allocations, +1),
        CreditApplied c => Paid(e, table, c.AccountId, c.Allocations, +1),
        ContributionReversed r => Paid(e, table, r.AccountId, r.Reopened, -1),
        _ => [],
    };

    // One instalment may appear twice in a reversal (paid, then topped up by credit): summed first,
    // because the position guard lets one update per row per event through.
    private static IEnumerable<NpgsqlBatchCommand> Paid(RecordedEvent e, string table, Guid account, IReadOnlyList<Allocation> allocations, int sign) =>
        allocations.GroupBy(a => a.InstalmentNumber).Select(g =>
            Update(e, table, account, g.Key, "member_paid = member_paid + $5", sign * g.Sum(a => a.Amount)));

    private static NpgsqlBatchCommand Insert(RecordedEvent e, string table, Guid account, string affiliation, Instalment i) => With(new($"""
        insert into {table} values ($1, $2, $3, {affiliation}, $4, $5, 0, $6) on conflict do nothing
        """), e.Tenant, account, i.Number, new NpgsqlParameter { Value = (object?)i.DueOn ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
        i.MemberShare, e.Position);

    private static NpgsqlBatchCommand Update(RecordedEvent e, string table, Guid account, int number, string set, object value) => With(new($"""
        update {table} set {set}, position = $4
         where tenant_id = $1 and account_id = $2 and instalment = $3 and position < $4
        """), e.Tenant, account, number, e.Position, value);

    private static NpgsqlBatchCommand With(NpgsqlBatchCommand command, params object[] values)
    {
        foreach (var v in values) command.Parameters.Add(v as NpgsqlParameter ?? new NpgsqlParameter { Value = v });
        return command;
    }
}
