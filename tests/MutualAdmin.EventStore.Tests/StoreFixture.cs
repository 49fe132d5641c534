using System.Text.Json.Serialization;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;
using Npgsql;

[assembly: AssemblyFixture(typeof(TestCluster))]

namespace MutualAdmin.EventStore.Tests;

public sealed record AccountOpened(string Owner);
public sealed record Deposited(long Amount);
public sealed record Withdrawn(long Amount);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccountOpened))]
[JsonSerializable(typeof(Deposited))]
[JsonSerializable(typeof(Withdrawn))]
public sealed partial class TestJson : JsonSerializerContext;

/// <summary>A small account aggregate to fold in tests.</summary>
public sealed record Account(string Owner, long Balance)
{
    public static readonly Account Initial = new("", 0);

    public static Account Evolve(Account state, object e) => e switch
    {
        AccountOpened o => state with { Owner = o.Owner },
        Deposited d => state with { Balance = state.Balance + d.Amount },
        Withdrawn w => state with { Balance = state.Balance - w.Amount },
        _ => state,
    };
}

/// <summary>A fresh, migrated database per test class.</summary>
public abstract class StoreTest(TestCluster cluster) : IAsyncLifetime
{
    protected EventStore Store { get; private set; } = null!;
    protected NpgsqlDataSource DataSource => Store.DataSource;

    public static EventTypes Types() => new EventTypes()
        .Register("account-opened", TestJson.Default.AccountOpened)
        .Register("deposited", TestJson.Default.Deposited)
        .Register("withdrawn", TestJson.Default.Withdrawn);

    public virtual async ValueTask InitializeAsync()
    {
        var connectionString = await cluster.CreateDatabase(GetType().Name);
        Store = new EventStore(EventStore.CreateDataSource(connectionString), Types());
        await Store.Migrate();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DataSource.DisposeAsync();
    }

    protected static EventMetadata As(string tenant, string command = "test") =>
        new(tenant, Guid.NewGuid().ToString("N"), command, UserId: "tester", Role: "manager");

    protected static StreamId Stream(string tenant, string? key = null) => new(tenant, key ?? $"account-{Guid.NewGuid():N}");

    /// <summary>
    /// A unit part-way through its save, as the store saves one: appended through Marten, placed in the
    /// log (the append lock taken, positions drawn), the transaction left open for the test to end.
    /// </summary>
    protected async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> OpenAppend(string tenant, string key, params object[] events)
    {
        var connection = await DataSource.OpenConnectionAsync();
        var tx = await connection.BeginTransactionAsync();
        await using var session = Log.MartenLog.Session(Store.Marten, tenant, tx, As(tenant));
        var action = session.Events.StartStream(key, events);
        await session.SaveChangesAsync();
        await using var chain = new NpgsqlCommand("select chain_events($1, $2)", connection, tx);
        chain.Parameters.Add(new() { Value = tenant });
        chain.Parameters.Add(new() { Value = action.Events.Select(e => e.Sequence).ToArray() });
        await chain.ExecuteNonQueryAsync();
        return (connection, tx);
    }

    /// <summary>An event row written straight into Marten's table, as an older release or another writer left it.</summary>
    protected Task WriteRawEvent(string tenant, string key, long version, string type, string json, int schemaVersion = 1) => Execute($"""
        insert into mt_streams (id, tenant_id, version) values ('{key}', '{tenant}', {version})
            on conflict (tenant_id, id) do update set version = excluded.version;
        insert into mt_events (seq_id, id, tenant_id, stream_id, version, type, data, timestamp, headers)
            values (nextval('mt_events_sequence'), gen_random_uuid(), '{tenant}', '{key}', {version}, '{type}', '{json}'::jsonb, now(),
                    jsonb_build_object('command', 'test', 'schemaVersion', {schemaVersion}));
        select chain_events('{tenant}', array[currval('mt_events_sequence')]);
        """);

    protected async Task<long> Scalar(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    protected async Task Execute(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<IReadOnlyList<RecordedEvent>> Append(string tenant, StreamId id, ExpectedVersion expected, params object[] events)
    {
        await using var session = Store.OpenSession(As(tenant));
        session.Append(id, expected, events);
        return await session.SaveChanges();
    }
}
