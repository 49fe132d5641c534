using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MutualAdmin.Faults.Platform;

/// <summary>
/// A PostgreSQL cluster of the harness's own, started with initdb and pg_ctl (as the postgres user
/// when the harness runs as root), so that a case can kill, freeze or starve it from outside as an
/// operator's machine would. Commits wait for the WAL write (synchronous_commit=on): an acknowledged
/// write must survive the postmaster being killed. fsync is off: no case crashes the machine itself,
/// and this 2-core box is shared.
/// </summary>
public sealed class Postgres : IAsyncDisposable
{
    private readonly string root;

    private Postgres(string root, int port)
    {
        this.root = root;
        Port = port;
    }

    public int Port { get; }
    public string DataDirectory => Path.Combine(root, "pg");
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=mutualadmin;Pooling=true";

    /// <summary>A new cluster in a folder of its own under <paramref name="parent"/> (a small filesystem for the disk-full case).</summary>
    public static async Task<Postgres> Start(string? parent = null)
    {
        var root = Path.Combine(parent ?? Path.GetTempPath(), $"maf-{Guid.NewGuid():N}"[..12]);
        Directory.CreateDirectory(root);
        var server = new Postgres(root, FreePort());
        if (Environment.UserName == "root") await Run("chown", "-R", "postgres:postgres", root);
        await server.AsPostgres("initdb", "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        await server.Launch();
        await server.AsPostgres("createdb", "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "mutualadmin");
        return server;
    }

    /// <summary>Starts the postmaster again (after a kill): PostgreSQL runs its crash recovery from the WAL.</summary>
    public async Task Launch()
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            // A killed postmaster's backends notice within moments and exit; until they have, the old
            // shared memory is still attached and a new postmaster refuses to start.
            var (code, output) = await TryAsPostgres("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(root, "postgres.log"), "-w", "-t", "60",
                "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={DataDirectory} -c synchronous_commit=on -c fsync=off -c max_connections=200",
                "start");
            if (code == 0) return;
            if (DateTime.UtcNow > until) throw new InvalidOperationException($"PostgreSQL did not start: {output}\n{Log()}");
            await Task.Delay(500);
        }
    }

    public string Log() => File.Exists(Path.Combine(root, "postgres.log")) ? File.ReadAllText(Path.Combine(root, "postgres.log")) : "";

    /// <summary>The postmaster's pid from its lock file.</summary>
    public int Postmaster => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>kill -9 of the postmaster alone, as an OOM killer does; its backends then exit by themselves.</summary>
    public Task Kill() => Signal("KILL", [Postmaster]);

    /// <summary>SIGSTOP to the postmaster and every backend: the server holds its sockets open and answers nothing.</summary>
    public Task Freeze() => Signal("STOP", ServerProcesses());

    public Task Thaw() => Signal("CONT", ServerProcesses());

    private List<int> ServerProcesses()
    {
        var postmaster = Postmaster;
        var pids = new List<int> { postmaster };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster) pids.Add(pid);
            }
            catch (IOException) { /* the process ended while we looked */ }
        }
        return pids;
    }

    /// <summary>Client sessions open on the platform's database (backends whose title names it).</summary>
    public int Sessions() => ServerProcesses().Count(pid =>
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Contains(" mutualadmin ", StringComparison.Ordinal); }
        catch (IOException) { return false; }
    });

    private static async Task Signal(string signal, IEnumerable<int> pids)
    {
        // A backend may end between listing and signalling; kill still signals the others and says so.
        var (_, output) = await Exec("kill", [$"-{signal}", .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
        if (output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Any(l => !l.Contains("No such process", StringComparison.Ordinal)))
            throw new InvalidOperationException($"kill -{signal}: {output}");
    }

    private async Task AsPostgres(string program, params string[] args)
    {
        var (code, output) = await TryAsPostgres(program, args);
        if (code != 0) throw new InvalidOperationException($"{program} exited {code}: {output}");
    }

    private static Task<(int, string)> TryAsPostgres(string program, params string[] args)
    {
        var path = Path.Combine(Binaries(), program);
        return Environment.UserName == "root" ? Exec("runuser", ["-u", "postgres", "--", path, .. args]) : Exec(path, args);
    }

    private static string Binaries() =>
        Directory.EnumerateDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
        ?? throw new InvalidOperationException("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin");

    public static async Task Run(string program, params string[] args)
    {
        var (code, output) = await Exec(program, args);
        if (code != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {code}: {output}");
    }

    public static async Task<(int Code, string Output)> Exec(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            if (await Exec("kill", "-0", Postmaster.ToString(CultureInfo.InvariantCulture)) is (0, _))
                await Thaw(); // a failed freeze case must not leave a stopped server behind
            await TryAsPostgres("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        Directory.Delete(root, recursive: true);
    }
}
