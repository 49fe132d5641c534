using System.Diagnostics;
using MutualAdmin.EventStore.Embedded;

namespace MutualAdmin.Testing;

/// <summary>
/// A data folder for an embedded cluster of a test's own (short, so the socket fits in it), and
/// whatever is left of it removed afterwards: a failed test may leave its server running.
/// </summary>
public sealed class DataFolder : IAsyncDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ma-{Guid.NewGuid():N}"[..15], "pg");

    public bool ServerRuns => File.Exists(System.IO.Path.Combine(Path, "postmaster.pid"));

    /// <summary>The server's pid from its lock file (postmaster.pid), to tell one run of the server from another.</summary>
    public int? ServerPid => ServerRuns && int.TryParse(File.ReadLines(System.IO.Path.Combine(Path, "postmaster.pid")).First(), out var pid) ? pid : null;

    public async ValueTask DisposeAsync()
    {
        if (ServerRuns)
        {
            // Stopped without the code under test, which may be what failed.
            string[] pgCtl = [System.IO.Path.Combine(PostgresBinaries.Find(), "pg_ctl"), "-D", Path, "-m", "immediate", "stop"];
            using var stop = Environment.UserName == "root"
                ? Process.Start("runuser", ["-u", "postgres", "--", .. pgCtl])
                : Process.Start(pgCtl[0], pgCtl[1..]);
            await stop.WaitForExitAsync();
        }
        if (Directory.Exists(System.IO.Path.GetDirectoryName(Path))) Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
