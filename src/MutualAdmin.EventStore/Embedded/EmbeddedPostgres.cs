using System.Diagnostics;
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
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly string bin;
    private readonly string dataDirectory;
    private readonly bool temporary;

    private EmbeddedPostgres(string bin, string dataDirectory, bool temporary, int port, string password)
    {
        this.bin = bin;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = SocketFits(dataDirectory) ? dataDirectory : "127.0.0.1", Port = port, Username = "postgres", Password = password, Database = "postgres",
            MaxPoolSize = 200,
        }.ConnectionString;
    }

    /// <summary>Superuser connection to the cluster's "postgres" database.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Starts a cluster in <paramref name="dataDirectory"/> (created and initialised when missing).
    /// <paramref name="temporary"/> clusters trade durability for speed and are deleted on dispose.
    /// </summary>
    public static async Task<EmbeddedPostgres> Start(string dataDirectory, bool temporary, CancellationToken ct = default)
    {
        var bin = PostgresBinaries.Find();
        dataDirectory = Path.GetFullPath(dataDirectory);
        var passwordFile = dataDirectory.TrimEnd('/') + ".password";
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            Directory.CreateDirectory(dataDirectory);
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            GiveToServerUser(dataDirectory);
            await Run(bin, "initdb", ["-D", dataDirectory, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                "--auth=scram-sha-256", "--pwfile", passwordFile], ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        await StopIfRunning(bin, dataDirectory);

        var settings = new List<string>
        {
            "-c listen_addresses=127.0.0.1", "-c max_connections=300",
            SocketFits(dataDirectory) ? $"-c unix_socket_directories='{dataDirectory}'" : "-c unix_socket_directories=''",
            // A developer's cluster: commits need not wait for the disk (a crash can lose the last
            // few transactions, never corrupt). Production servers keep their own settings.
            "-c synchronous_commit=off",
        };
        if (temporary) settings.AddRange(["-c fsync=off", "-c full_page_writes=off"]);

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await Run(bin, "pg_ctl", ["-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(dataDirectory, "server.log"),
                    "-o", $"-p {port} {string.Join(' ', settings)}", "start"], ct);
                var cluster = new EmbeddedPostgres(bin, dataDirectory, temporary, port, password);
                await cluster.WaitUntilAcceptingConnections(ct);
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was taken between probing and binding; try another.
            }
        }
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

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Run(bin, "pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None);
        if (temporary)
        {
            Directory.Delete(dataDirectory, recursive: true);
            File.Delete(dataDirectory.TrimEnd('/') + ".password");
        }
    }

    private async Task WaitUntilAcceptingConnections(CancellationToken ct)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException) when (i < 100)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    private static async Task StopIfRunning(string bin, string dataDirectory)
    {
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            try { await Run(bin, "pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None); }
            catch (InvalidOperationException) { /* a stale pid file from a killed server: pg_ctl start copes with it */ }
        }
    }

    /// <summary>A socket path (folder + "/.s.PGSQL.nnnnn") must fit the 107 bytes of sun_path; spaces would break pg_ctl's -o.</summary>
    private static bool SocketFits(string dataDirectory) =>
        !OperatingSystem.IsWindows() && dataDirectory.Length + 16 <= 107 && !dataDirectory.Contains(' ') && !dataDirectory.Contains('\'');

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static void GiveToServerUser(string dataDirectory)
    {
        if (!IsRoot) return;
        var chown = Process.Start("chown", ["-R", "postgres:postgres", dataDirectory]);
        chown.WaitForExit();
        if (chown.ExitCode != 0) throw new InvalidOperationException($"chown of {dataDirectory} to postgres failed");
    }

    /// <summary>Runs a PostgreSQL program, through the postgres user when we are root (initdb refuses root).</summary>
    private static async Task Run(string bin, string program, IEnumerable<string> arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true };
        if (IsRoot)
        {
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--" }) info.ArgumentList.Add(a);
        }
        else info.FileName = Path.Combine(bin, program);
        if (IsRoot) info.ArgumentList.Add(Path.Combine(bin, program));
        foreach (var a in arguments) info.ArgumentList.Add(a);

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}{await output}");
    }
}
