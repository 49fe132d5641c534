using MutualAdmin.EventStore.Chain;
using System.Runtime.CompilerServices;
using Marten;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Log;
using MutualAdmin.EventStore.Migrations;
using MutualAdmin.EventStore.Streams;
using Npgsql;

namespace MutualAdmin.EventStore;

/// <summary>
/// The entry point: opens tenant-scoped sessions (the unit of work) and offers the few readers that
/// deliberately cross tenants (projections, the Fund's feed, chain verification).
/// </summary>
public sealed class EventStore(NpgsqlDataSource dataSource, EventTypes types)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;
    public EventTypes Types { get; } = types;

    /// <summary>
    /// Marten, which holds the log. Built on first use, once every module has registered its event
    /// types (the aliases Marten stores them under).
    /// </summary>
    internal DocumentStore Marten => marten ??= MartenLog.Create(DataSource, Types, Prepared);

    /// <summary>Event JSON written by a unit of work before it appends, for Marten to reuse (<see cref="LogSerializer"/>).</summary>
    internal ConditionalWeakTable<object, string> Prepared { get; } = new();
    private DocumentStore? marten;

    /// <summary>
    /// Units of work queue here before they queue on the database's global append lock: the lock
    /// admits one at a time anyway, and on a small machine a short queue of busy backends hands it
    /// over faster than a long one (README, Benchmarks). Two per core, because a unit holds the gate
    /// through its inline projections' round trips too, not only the lock: on 2 cores, `enrol`
    /// measured 261 households/s on average with 2 places against 323 with 4 (four interleaved
    /// pairs), with `claims` and `payments` unchanged within the noise.
    /// </summary>
    internal SemaphoreSlim AppendGate { get; } = new(2 * Math.Max(1, Environment.ProcessorCount));

    /// <summary>Projections applied inside every session's transaction.</summary>
    public List<Projections.IInlineProjection> InlineProjections { get; } = [];

    /// <summary>A data source whose connections resolve the store's schema first.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.SearchPath = $"{Migrator.Schema},public";
        // The same few statements run for every unit of work: prepare them once per connection
        // (Npgsql's reset of a pooled connection keeps prepared statements).
        builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        // No session state is left on a pooled connection (advisory session locks are released, temp
        // tables dropped, settings are transaction-local), so the reset Npgsql would otherwise send with
        // every reuse — four statements on each of a request's several reuses — is skipped.
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        // Marten stamps events with "now() at time zone 'utc'" into a timestamptz column: read in the
        // session's zone, so the zone must be UTC for the instant to be right.
        builder.ConnectionStringBuilder.Timezone = "UTC";
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>
    /// The multiplexed twin of <see cref="CreateDataSource"/>, on one connection by default, for short
    /// read-only look-ups on hot paths: many requests' queries go back to back over few backends.
    /// Appends no longer use it (they go through Marten, in a transaction). Callers configure more
    /// connections as they need (the host's look-ups take one per core).
    /// </summary>
    public static NpgsqlDataSource CreatePipeline(string connectionString, Action<NpgsqlDataSourceBuilder>? configure = null) =>
        CreateDataSource(connectionString, builder =>
        {
            builder.ConnectionStringBuilder.Multiplexing = true;
            builder.ConnectionStringBuilder.MaxPoolSize = 1;
            configure?.Invoke(builder);
        });

    /// <summary>Creates or patches Marten's tables, then applies the project's own scripts (the chain and the views over Marten's tables).</summary>
    public async Task Migrate(CancellationToken ct = default)
    {
        await MigrateLog(DataSource, Types, ct);
        await Migrator.Apply(DataSource, Migrator.Store, ct);
    }

    /// <summary>
    /// Creates or patches Marten's tables for the log: before the project's scripts, which build the
    /// chain and the views on them. Nodes starting together queue on an advisory lock.
    /// </summary>
    public static async Task MigrateLog(NpgsqlDataSource dataSource, EventTypes types, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand($"select pg_advisory_lock({LogSchemaLock})", connection)) await take.ExecuteNonQueryAsync(ct);
        try
        {
            using var marten = MartenLog.Create(dataSource, types);
            await marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"select pg_advisory_unlock({LogSchemaLock})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private const long LogSchemaLock = 7305411063;

    /// <summary>The SQL a start of this release would apply to the database, without applying it (for operators).</summary>
    public async Task<string> PendingSchemaSql(CancellationToken ct = default)
    {
        var migration = await Marten.Storage.Database.CreateMigrationAsync(ct);
        // Only Marten's part: the project's own scripts are listed in src/MutualAdmin.EventStore/Sql
        // and applied when their checksum changes (Migrator).
        var writer = new StringWriter();
        migration.WriteAllUpdates(writer, new Weasel.Postgresql.PostgresqlMigrator(), JasperFx.AutoCreate.CreateOrUpdate);
        return writer.ToString();
    }

    public EventSession OpenSession(EventMetadata metadata) => new(this, metadata);

    public EventReader ReaderFor(string tenant) => new(this, tenant);

    /// <summary>All tenants' events after a position, in position order: for projections and feeds only.</summary>
    public EventReader CrossTenant => new(this, null);

    public BulkAppender Bulk(EventMetadata metadata) => new(this, metadata);

    public Task<ChainVerification> VerifyChain(string? tenant, IProgress<long>? progress = null, CancellationToken ct = default) =>
        ChainVerifier.Verify(DataSource, tenant, progress, ct);

    public async Task<long> HeadPosition(CancellationToken ct = default)
    {
        await using var command = DataSource.CreateCommand("select coalesce(max(seq), 0) from events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    internal void CheckTenant(string sessionTenant, StreamId id)
    {
        if (id.Tenant != sessionTenant) throw new WrongTenantException(sessionTenant, id.Tenant);
    }
}
