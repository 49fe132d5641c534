using System.Diagnostics;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// The built host run as an operator runs it, a process of its own (`dotnet MutualAdmin.Web.dll`) on
/// a loopback port, so a test can kill it with SIGKILL as a crash or an OOM killer would.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringWriter output = new();

    private HostProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the host on that database and returns once it answers /health.</summary>
    public static async Task<HostProcess> Start(string connectionString)
    {
        var port = Hosting.PlatformProcess.FreePort();
        var info = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__MutualAdmin"] = connectionString,
                ["Urls"] = $"http://127.0.0.1:{port}",
                ["DOTNET_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            },
        };
        var host = new HostProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"));
        host.process.OutputDataReceived += (_, e) => host.Log(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Log(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        await host.WaitUntilAnswering();
        return host;
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(3) };

    /// <summary>SIGKILL: no shutdown, no finally blocks, sockets closed by the kernel.</summary>
    public async Task Kill()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private async Task WaitUntilAnswering()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited with {process.ExitCode}:\n{output}");
            try
            {
                if ((await client.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < until)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"the host did not answer /health within 2 minutes:\n{output}");
            await Task.Delay(200);
        }
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (output) output.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await Kill();
        process.Dispose();
    }
}
