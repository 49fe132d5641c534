using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace MutualAdmin.EventStore.Embedded;

/// <summary>
/// A private PostgreSQL cluster for local runs and tests, so that nobody needs to set up a server:
/// initdb into a folder (once), start on a free loopback port, stop on dispose. When the process runs
/// as root (CI, containers) the server runs as the postgres system user, as initdb requires.
/// Clients connect through a Unix socket in the data folder when its path is short enough: on a small
/// machine the loopback TCP stack costs a request about as much CPU as the query (README, Benchmarks).
/// The loopback port stays open for tools such as psql.
/// </summary>
/// <remarks>
/// Several processes share one folder's cluster (the host and the command-line verbs run beside it):
/// the first starts it, the others join it, and only the last one out stops it, provided a MutualAdmin
/// process started it. Each process holds a "presence" session while it uses the cluster, so the
/// server itself counts who is still there, and a process that dies stops counting at once.
/// Starting, joining and leaving happen one process at a time under <see cref="FolderLock"/>.
/// </remarks>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string PresenceName = "mutualadmin-presence";
    private readonly string bin;
    private readonly string dataDirectory;
    private readonly EmbeddedOptions options;
    private NpgsqlConnection? presence;
    private string? startedRun;
    private Departure? departed;

    private EmbeddedPostgres(string bin, string dataDirectory, EmbeddedOptions options, string host, int port, string password)
    {
        this.bin = bin;
        this.dataDirectory = dataDirectory;
        this.options = options;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = host, Port = port, Username = "postgres", Password = password, Database = "postgres",
            MaxPoolSize = 200,
        }.ConnectionString;
    }

    /// <summary>Superuser connection to the cluster's "postgres" database.</summary>
    public string ConnectionString { get; }

    public int Port { get; }

    /// <summary>True when this handle started the server; false when it joined one that was already running.</summary>
    public bool StartedHere => startedRun is not null;

    /// <summary>
    /// Joins the cluster running on <paramref name="dataDirectory"/>, or starts it there when none runs
    /// (the folder is created and initialised when missing). A running cluster keeps the settings it
    /// was started with: <paramref name="options"/> apply to a cluster this call starts.
    /// </summary>
    public static async Task<EmbeddedPostgres> Start(string dataDirectory, EmbeddedOptions options, CancellationToken ct = default)
    {
        var bin = PostgresBinaries.Find();
        dataDirectory = Path.GetFullPath(dataDirectory);
        using var folder = await FolderLock.Take(dataDirectory, ct);
        var password = await Initialise(bin, dataDirectory, ct);
        for (var attempt = 1; ; attempt++)
        {
            if (await ServerPrograms.Running(bin, dataDirectory, ct) && Postmaster.Read(dataDirectory) is { } running)
            {
                var joined = new EmbeddedPostgres(bin, dataDirectory, options, running.Host, running.Port, password);
                await joined.Arrive(ct);
                return joined;
            }
            var port = FreePort();
            try
            {
                await Launch(bin, dataDirectory, options, port, ct);
                var started = new EmbeddedPostgres(bin, dataDirectory, options, SocketFits(dataDirectory) ? dataDirectory : "127.0.0.1", port, password);
                await started.Arrive(ct);
                started.RecordStart();
                return started;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was taken between probing and binding, or a server started by other means
                // came up meanwhile: look again.
            }
        }
    }

    /// <summary>
    /// Stops the server this handle started while keeping the handle, as an outage would (tests of
    /// the host's behaviour without its database); <see cref="Resume"/> starts it again on the same port.
    /// </summary>
    public async Task Stop(CancellationToken ct = default)
    {
        if (!StartedHere) throw new InvalidOperationException("only the handle that started the server stops and resumes it");
        using var folder = await FolderLock.Take(dataDirectory, ct);
        await ServerPrograms.Run(bin, "pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"], ct);
    }

    public async Task Resume(CancellationToken ct = default)
    {
        if (!StartedHere) throw new InvalidOperationException("only the handle that started the server stops and resumes it");
        using var folder = await FolderLock.Take(dataDirectory, ct);
        await Launch(bin, dataDirectory, options, Port, ct);
        if (presence is not null) await presence.DisposeAsync();
        await Arrive(ct);
        RecordStart();
    }

    public async Task CreateDatabase(string name, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// Leaves the cluster: stops it when no other process uses it and either this handle started it,
    /// or the MutualAdmin process that did handed it over or died. Otherwise it stays up for the others,
    /// and a handle that started it hands it over to the last of them. A server started by hand stays up.
    /// </summary>
    public async Task<Departure> Leave()
    {
        if (departed is { } done) return done;
        using var folder = await FolderLock.Take(dataDirectory, CancellationToken.None);
        var server = await ServerPrograms.Running(bin, dataDirectory, CancellationToken.None) ? Postmaster.Read(dataDirectory) : null;
        var outcome = Departure.WasNotRunning;
        if (server is not null)
        {
            // Unknown (null: the server refuses sessions) counts as present: stopping under someone is the harm to avoid.
            var others = await OthersPresent();
            if (others is not 0)
            {
                if (server.Identity == startedRun) Starter.HandOver(dataDirectory, server);
                outcome = server.Identity == startedRun ? Departure.HandedOver : Departure.LeftRunning;
            }
            else if (server.Identity == startedRun || Starter.Orphaned(dataDirectory, server))
            {
                NpgsqlConnection.ClearAllPools();
                await ServerPrograms.Run(bin, "pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None);
                Starter.Forget(dataDirectory);
                outcome = Departure.Stopped;
            }
            else outcome = Departure.LeftRunning;
        }
        if (presence is not null) await presence.DisposeAsync();
        if (options.Temporary && (outcome is Departure.Stopped || (outcome is Departure.WasNotRunning && StartedHere)))
        {
            Directory.Delete(dataDirectory, recursive: true);
            File.Delete(dataDirectory.TrimEnd('/') + ".password");
            Starter.Forget(dataDirectory);
            File.Delete(dataDirectory.TrimEnd('/') + ".lock"); // held until we return: nobody else uses a temporary folder
        }
        departed = outcome;
        return outcome;
    }

    public async ValueTask DisposeAsync() => await Leave();

    private static async Task<string> Initialise(string bin, string dataDirectory, CancellationToken ct)
    {
        var passwordFile = dataDirectory.TrimEnd('/') + ".password";
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            Directory.CreateDirectory(dataDirectory);
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            ServerPrograms.GiveToServerUser(dataDirectory);
            await ServerPrograms.Run(bin, "initdb", ["-D", dataDirectory, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                "--auth=scram-sha-256", "--pwfile", passwordFile], ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
    }

    private static Task Launch(string bin, string dataDirectory, EmbeddedOptions options, int port, CancellationToken ct)
    {
        IEnumerable<string> settings =
        [
            "-c listen_addresses=127.0.0.1", "-c max_connections=300",
            SocketFits(dataDirectory) ? $"-c unix_socket_directories='{dataDirectory}'" : "-c unix_socket_directories=''",
            .. options.ServerSettings(),
        ];
        return ServerPrograms.Run(bin, "pg_ctl", ["-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(dataDirectory, "server.log"),
            "-o", $"-p {port} {string.Join(' ', settings)}", "start"], ct);
    }

    private void RecordStart()
    {
        var server = Postmaster.Read(dataDirectory) ?? throw new InvalidOperationException($"the server started in {dataDirectory} left no postmaster.pid");
        startedRun = server.Identity;
        Starter.Record(dataDirectory, server, Environment.ProcessId);
    }

    /// <summary>Waits for the server to take sessions, then opens this handle's presence session.</summary>
    private async Task Arrive(CancellationToken ct)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                var connection = new NpgsqlConnection(PresenceConnectionString);
                await connection.OpenAsync(ct);
                presence = connection;
                return;
            }
            catch (NpgsqlException) when (i < 100)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    /// <summary>How many other handles hold a presence session; null when the server cannot be asked.</summary>
    private async Task<long?> OthersPresent()
    {
        try
        {
            if (presence is not { FullState: System.Data.ConnectionState.Open })
            {
                // Our session went with a restart of the server: ask through a new one, which the query leaves out.
                if (presence is not null) await presence.DisposeAsync();
                presence = new NpgsqlConnection(PresenceConnectionString);
                await presence.OpenAsync();
            }
            await using var count = new NpgsqlCommand(
                "select count(*) from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()", presence);
            count.Parameters.Add(new() { Value = PresenceName });
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    private string PresenceConnectionString =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = PresenceName, Pooling = false }.ConnectionString;

    /// <summary>A socket path (folder + "/.s.PGSQL.nnnnn") must fit the 107 bytes of sun_path; spaces would break pg_ctl's -o.</summary>
    private static bool SocketFits(string dataDirectory) =>
        !OperatingSystem.IsWindows() && dataDirectory.Length + 16 <= 107 && !dataDirectory.Contains(' ') && !dataDirectory.Contains('\'');

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What leaving the cluster did (<see cref="EmbeddedPostgres.Leave"/>).</summary>
public enum Departure
{
    /// <summary>This process stopped the server: nobody else used it.</summary>
    Stopped,
    /// <summary>This process started it, others still use it: the last of them stops it.</summary>
    HandedOver,
    /// <summary>Left running: others use it, or it was not started by a MutualAdmin process.</summary>
    LeftRunning,
    /// <summary>Nothing ran any more on the folder.</summary>
    WasNotRunning,
}
