using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Embedded;
using MutualAdmin.EventStore.Migrations;
using Npgsql;

namespace MutualAdmin.Web.Hosting;

/// <summary>
/// The platform's one stateful dependency. A configured connection string (ConnectionStrings__MutualAdmin)
/// wins; without one, a private PostgreSQL is started under MutualAdmin:DataDirectory and kept across
/// runs, so that `dotnet run` needs nothing but PostgreSQL's binaries. The host and the command-line
/// verbs share that cluster: whoever comes second joins it, and nobody stops it under another.
/// </summary>
public sealed class Database(IConfiguration configuration, EventTypes types, ILogger<Database> logger) : IAsyncDisposable
{
    private const string DatabaseName = "mutualadmin";
    public const string SynchronousCommitKey = "MutualAdmin:SynchronousCommit";
    private EmbeddedPostgres? embedded;
    private NpgsqlDataSource? dataSource;
    private NpgsqlDataSource? lookups;
    private NpgsqlDataSource? claims;

    /// <summary>
    /// This process among the database's clients: every connection it opens names it (application_name),
    /// so another process can tell from pg_stat_activity whether it still has sessions (Idempotency).
    /// </summary>
    public static string Instance { get; } = $"mutualadmin/{Guid.NewGuid():N}"[..28];

    public NpgsqlDataSource DataSource =>
        dataSource ?? throw new InvalidOperationException("the database is not started yet");

    /// <summary>
    /// Multiplexed (EventStore.CreatePipeline), for short read-only look-ups on hot
    /// paths (the Fund's eligibility check): concurrent requests share a few connections and one
    /// socket write per batch of queries instead of a connection and a round trip each, and never
    /// queue behind an append waiting for the store's lock.
    /// </summary>
    public NpgsqlDataSource Lookups =>
        lookups ?? throw new InvalidOperationException("the database is not started yet");

    /// <summary>
    /// Sessions that hold an Idempotency-Key's claim while its request runs, apart from the pool the
    /// requests' work uses, so that claims never take the last connection a claimed request needs.
    /// </summary>
    public NpgsqlDataSource Claims =>
        claims ?? throw new InvalidOperationException("the database is not started yet");

    /// <summary>Every schema change of the platform: the store's, then the features' read models.</summary>
    public static IReadOnlyList<MigrationScript> Migrations =>
        [.. Migrator.Store, .. Migrator.FromAssembly(typeof(Database).Assembly, "web")];

    /// <param name="migrate">False only to look at the database as it is (the `schema-sql` verb).</param>
    public async Task Start(CancellationToken ct, bool migrate = true)
    {
        var connectionString = configuration.GetConnectionString("MutualAdmin");
        if (string.IsNullOrWhiteSpace(connectionString)) connectionString = await StartEmbedded(ct);
        connectionString = Tagged(connectionString);
        dataSource = EventStore.EventStore.CreateDataSource(connectionString);
        // Reads take no lock: one connection per core, so a slow look-up does not hold up the others.
        lookups = EventStore.EventStore.CreatePipeline(connectionString,
            builder => builder.ConnectionStringBuilder.MaxPoolSize = Math.Max(2, Environment.ProcessorCount));
        claims = EventStore.EventStore.CreateDataSource(connectionString,
            builder => builder.ConnectionStringBuilder.MaxPoolSize = Math.Max(4, builder.ConnectionStringBuilder.MaxPoolSize / 2));
        if (!migrate) return;
        await EventStore.EventStore.MigrateLog(dataSource, types, ct);
        await Migrator.Apply(dataSource, Migrations, ct);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        logger.LogInformation("Database {Database} on {Host}:{Port} is migrated", settings.Database, settings.Host, settings.Port);
    }

    /// <summary>
    /// Names this process on every connection, and has PostgreSQL check every second that the client of
    /// a running statement is still there (client_connection_check_interval), so that the statements of
    /// a killed process stop within a second instead of running on, even committing, after it is gone.
    /// </summary>
    private static string Tagged(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = Instance };
        settings.Options = $"{settings.Options} -c client_connection_check_interval=1000".Trim();
        return settings.ConnectionString;
    }

    /// <summary>Starts the embedded cluster, or joins it when the host or a verb already runs it on the folder.</summary>
    private async Task<string> StartEmbedded(CancellationToken ct)
    {
        var folder = Path.GetFullPath(configuration["MutualAdmin:DataDirectory"] ?? ".data/postgres");
        logger.LogInformation("No ConnectionStrings:MutualAdmin configured: using the embedded PostgreSQL in {Folder}", folder);
        var wanted = SynchronousCommit();
        embedded = await EmbeddedPostgres.Start(folder, new EmbeddedOptions { SynchronousCommit = wanted }, ct);
        await using var connection = new NpgsqlConnection(embedded.ConnectionString);
        await connection.OpenAsync(ct);
        await using var show = new NpgsqlCommand("show synchronous_commit", connection);
        var running = (string)(await show.ExecuteScalarAsync(ct))!;
        if (embedded.StartedHere)
            logger.LogInformation("Started the embedded PostgreSQL on port {Port} with synchronous_commit={Setting}", embedded.Port, running);
        else
            logger.LogInformation("The embedded PostgreSQL already ran on {Folder} (port {Port}, synchronous_commit={Setting}): joined it; it stays up for its other users",
                folder, embedded.Port, running);
        if (running != (wanted ? "on" : "off"))
            logger.LogWarning("The running cluster has synchronous_commit={Running} where {Key} asks for {Wanted}: it was started so; restart it to change it",
                running, SynchronousCommitKey, wanted ? "on" : "off");
        await CreateDatabaseIfMissing(embedded.ConnectionString, ct);
        return embedded.ConnectionStringFor(DatabaseName);
    }

    /// <summary>
    /// Acknowledged means durable: on unless an operator or developer turns it off, knowing that a
    /// power cut then loses the last acknowledged commits (payments with printed receipts).
    /// </summary>
    private bool SynchronousCommit() => configuration[SynchronousCommitKey]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "on" or "true" => true,
        "off" or "false" => false,
        var other => throw new InvalidOperationException($"{SynchronousCommitKey} is '{other}'; it takes on or off"),
    };

    private static async Task CreateDatabaseIfMissing(string serverConnectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new() { Value = DatabaseName } },
        };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"create database {DatabaseName}", connection);
            try { await create.ExecuteNonQueryAsync(ct); }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                // Another process on the same cluster (a second host, a verb) created it in between: it exists, as wanted.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (lookups is not null) await lookups.DisposeAsync();
        if (claims is not null) await claims.DisposeAsync();
        if (dataSource is not null) await dataSource.DisposeAsync();
        if (embedded is not null)
        {
            var departure = await embedded.Leave();
            if (departure is not Departure.Stopped and not Departure.WasNotRunning)
                logger.LogInformation("The embedded PostgreSQL stays up: {Departure} (others still use it, or it was not started by MutualAdmin)", departure);
        }
    }
}

/// <summary>Starts the database before anything else of the host starts (hosted services start in registration order).</summary>
internal sealed class DatabaseStartup(Database database) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => database.Start(ct);
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
