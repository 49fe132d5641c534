using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MutualAdmin.Web.Tests.Hosting;

/// <summary>
/// The built executable (MutualAdmin.Web.dll beside the tests) run as an operator runs it: a real
/// process of its own on the embedded default, its data folder given, nothing inherited that would
/// point it at another database.
/// </summary>
public sealed class PlatformProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private PlatformProcess(string dataDirectory, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MutualAdmin.Web.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("ConnectionStrings__MutualAdmin"); // verb tests set it in this process while they run
        info.Environment["MutualAdmin__DataDirectory"] = dataDirectory;
        info.Environment["MutualAdmin__SeedDemo"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (output) return output.ToString(); } }

    public bool HasExited => process.HasExited;

    /// <summary>Starts the host listening on <paramref name="port"/>; <see cref="Ready"/> waits for it.</summary>
    public static PlatformProcess Host(string dataDirectory, int port) =>
        new(dataDirectory, ["serve", "--urls", $"http://127.0.0.1:{port}"]);

    /// <summary>Runs a verb to its end: its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> Verb(string dataDirectory, params string[] args)
    {
        using var verb = new PlatformProcess(dataDirectory, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await verb.process.WaitForExitAsync(timeout.Token);
        verb.process.WaitForExit(); // the end of the redirected output
        return (verb.process.ExitCode, verb.Output);
    }

    /// <summary>Waits until the host answers /health/ready with 200 (it starts its database first).</summary>
    public async Task Ready(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited ({process.ExitCode}):\n{Output}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the host was not ready in 3 minutes:\n{Output}");
            await Task.Delay(250);
        }
    }

    /// <summary>Asks the host to stop as a service manager does (SIGTERM) and waits for it to exit.</summary>
    public async Task<int> Terminate()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
