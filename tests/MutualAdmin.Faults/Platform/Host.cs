using System.Diagnostics;
using System.Net;
using System.Text;

namespace MutualAdmin.Faults.Platform;

/// <summary>
/// The built host (MutualAdmin.Web.dll beside the harness) run as an operator runs it: `serve` in a
/// process of its own on a loopback port, on the harness's PostgreSQL. Its verbs run the same way.
/// </summary>
public sealed class Host : IAsyncDisposable
{
    private readonly string connectionString;
    private readonly StringBuilder output = new();
    private Process? process;

    public Host(string connectionString)
    {
        this.connectionString = connectionString;
        Port = Postgres.FreePort();
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}");
    public string Output { get { lock (output) return output.ToString(); } }
    public int? Pid => process is { HasExited: false } ? process.Id : null;

    private ProcessStartInfo Info(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MutualAdmin.Web.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ConnectionStrings__MutualAdmin"] = connectionString;
        info.Environment["MutualAdmin__SeedDemo"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        return info;
    }

    /// <summary>Starts `serve` and waits for /health/ready.</summary>
    public async Task Start()
    {
        process = Process.Start(Info("serve", "--urls", Address.ToString().TrimEnd('/')))!;
        var started = process;
        started.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        started.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (started.HasExited) throw new InvalidOperationException($"the host exited ({started.ExitCode}):\n{Output}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { /* not listening yet */ }
            if (DateTime.UtcNow > until) throw new TimeoutException($"the host was not ready in 2 minutes:\n{Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>kill -9: no shutdown, no finally blocks; the kernel closes its sockets.</summary>
    public async Task Kill()
    {
        if (process is null) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    /// <summary>Runs a verb to its end on the same database: its exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> Verb(params string[] args)
    {
        using var verb = Process.Start(Info(args))!;
        var stdout = verb.StandardOutput.ReadToEndAsync();
        var stderr = verb.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await verb.WaitForExitAsync(timeout.Token);
        return (verb.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync() => await Kill();
}
