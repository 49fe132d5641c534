using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using Npgsql;

namespace MutualAdmin.EventStore.Tests.Projections;

/// <summary>
/// A multi-stream read model for the tests: one row per account, idempotent by position, with an
/// <c>applied</c> count that exposes any double application. Hooks let a test crash or interleave it.
/// </summary>
public sealed class AccountBalances(string name = "balances") : IProjection
{
    public string Name => name;
    public int Version { get; init; } = 1;
    public IReadOnlyCollection<string> EventTypes { get; } = ["account-opened", "deposited", "withdrawn"];
    public IReadOnlyCollection<string> Tables => [name];

    public Func<RecordedEvent, bool> IsPoison { get; set; } = _ => false;
    public Func<ProjectionBatch, NpgsqlConnection, NpgsqlTransaction, Task>? BeforeApply { get; set; }
    public Func<Task>? AfterApply { get; set; }

    public string CreateTables(ProjectionTables tables) => $"""
        create table {tables[name]} (
            tenant_id text not null, stream_id text not null, owner text not null,
            balance bigint not null, applied int not null, position bigint not null,
            primary key (tenant_id, stream_id))
        """;

    public async Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (BeforeApply is not null) await BeforeApply(batch, connection, transaction);
        await using var sql = new NpgsqlBatch(connection, transaction);
        foreach (var e in batch.Events)
        {
            if (IsPoison(e)) throw new InvalidOperationException($"poison at {e.Position}");
            var (owner, amount) = e.Data switch
            {
                AccountOpened o => (o.Owner, 0L),
                Deposited d => ((string?)null, d.Amount),
                Withdrawn w => (null, -w.Amount),
                _ => (null, 0L),
            };
            // An event at or below the row's position was applied already: the update is skipped.
            sql.BatchCommands.Add(new($"""
                insert into {batch.Tables[name]} as t values ($1, $2, coalesce($3, ''), $4, 1, $5)
                on conflict (tenant_id, stream_id) do update
                   set owner = coalesce($3, t.owner), balance = t.balance + $4, applied = t.applied + 1, position = $5
                 where t.position < $5
                """)
            {
                Parameters = { new() { Value = e.Tenant }, new() { Value = e.StreamKey },
                    new() { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new() { Value = amount }, new() { Value = e.Position } },
            });
        }
        if (sql.BatchCommands.Count > 0) await sql.ExecuteNonQueryAsync(ct);
        if (AfterApply is not null) await AfterApply();
    }
}
