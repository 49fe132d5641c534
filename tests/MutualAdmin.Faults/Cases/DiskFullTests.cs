using MutualAdmin.Faults.Load;
using MutualAdmin.Faults.Platform;
using Xunit;

namespace MutualAdmin.Faults.Cases;

/// <summary>
/// Issue 26, case 6: the database's folder on a small tmpfs of its own, filled to the last byte
/// while 16 clients write and one reads; then the space is freed. Needs root (mount); skipped with
/// the reason otherwise.
/// </summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task A_full_disk_refuses_writes_with_503_loses_nothing_acknowledged_and_service_resumes_once_freed()
    {
        var mount = Path.Combine(Path.GetTempPath(), $"maf-disk-{Guid.NewGuid():N}"[..17]);
        Directory.CreateDirectory(mount);
        // 192 MiB holds the short run; 90 s of full load refilled it by itself after the filler was
        // freed (a WAL PANIC, then a recovery that could not finish), so the full run gets more room.
        var (mounted, why) = await Postgres.Exec("mount", "-t", "tmpfs", "-o", $"size={SizeMiB}m", "tmpfs", mount);
        if (mounted != 0)
        {
            Directory.Delete(mount);
            Assert.Skip($"cannot mount a small filesystem here: {why.Trim()}");
        }
        try
        {
            await using var stage = await Stage.Start(mount);
            await Run(stage, mount);
        }
        finally
        {
            await Postgres.Run("umount", "-l", mount);
            Directory.Delete(mount);
        }
    }

    private static async Task Run(Stage stage, string mount)
    {
        var (staff, fund) = await stage.SignIn();
        var ledger = new Ledger();
        var load = Scale.Seconds(25, 90);
        var full = Scale.Seconds(8, 30);
        var started = DateTime.UtcNow;
        var running = new Workload(staff, ledger).Run(Scale.Clients, started + load, started + load + TimeSpan.FromSeconds(60));
        var reads = new List<(DateTime At, int? Status)>();
        using var stopReading = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stopReading.IsCancellationRequested)
            {
                int? status;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/members?pageSize=5");
                    request.Headers.Authorization = new("Bearer", staff.Officer.Token);
                    using var answer = await staff.Officer.Http.SendAsync(request);
                    status = (int)answer.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { status = null; }
                lock (reads) reads.Add((DateTime.UtcNow, status));
                await Task.Delay(250);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(6));
        var filler = Path.Combine(mount, "filler");
        var filled = DateTime.UtcNow;
        await Fill(filler);
        await Task.Delay(full);
        File.Delete(filler);
        var freed = DateTime.UtcNow;
        // If PostgreSQL stopped itself (a WAL write that fails is a PANIC), it needs starting again: say so.
        var restarted = false;
        await Task.Delay(TimeSpan.FromSeconds(2));
        if (!File.Exists(Path.Combine(stage.Database.DataDirectory, "postmaster.pid")) || !await Alive(stage.Database.Postmaster))
        {
            await stage.Database.Launch();
            restarted = true;
        }
        await running;
        await stopReading.CancelAsync();
        await reader;

        var during = ledger.Attempts.Where(a => a.At >= filled && a.At < freed).ToList();
        var after = ledger.Attempts.Where(a => a.At >= freed).ToList();
        List<(DateTime At, int? Status)> readsDuring, readsAfter;
        lock (reads)
        {
            readsDuring = reads.Where(r => r.At >= filled && r.At < freed).ToList();
            readsAfter = reads.Where(r => r.At >= freed).ToList();
        }
        string Count<T>(IEnumerable<T> items, Func<T, int?> status) => string.Join(" ",
            items.GroupBy(i => status(i)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none").OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"));
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(FormattableString.Invariant($"after freeing: writes {Figures.ByStatus(after)}; reads {Count(readsAfter, r => r.Status)}"));
        output?.WriteLine(string.Join('\n', stage.Database.Log().Split('\n')
            .Where(l => l.Contains("PANIC", StringComparison.Ordinal) || l.Contains("FATAL", StringComparison.Ordinal) || l.Contains("database system", StringComparison.Ordinal)
                || l.Contains("No space", StringComparison.Ordinal)).Take(30)));
        output?.WriteLine(string.Join('\n', stage.Host.Output.Split('\n').Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase)).Take(10)));
        var checker = new Checker(staff, fund, ledger);
        await checker.Check(stage.Verify);
        Figures.Of($"6 disk full (tmpfs {SizeMiB} MiB)", ledger, checker, filled, freed,
            FormattableString.Invariant($"full {full.TotalSeconds:F0} s; writes while full: {Figures.ByStatus(during)}; reads while full: {Count(readsDuring, r => r.Status)}; ") +
            $"PostgreSQL {(restarted ? "stopped itself and was started again" : "kept running")}").Record();
        Assert.Empty(checker.Findings);
        Assert.DoesNotContain(ledger.Attempts, a => a.Status >= 500 && a.Status != 503);
        Assert.All(ledger.Attempts.Where(a => a.Status == 503), a => Assert.NotNull(a.RetryAfter));
        Assert.Contains(readsDuring, r => r.Status == 200);
    }

    private static int SizeMiB => Scale.Full ? 1536 : 192;

    /// <summary>Writes zeros until the filesystem refuses another byte.</summary>
    private static async Task Fill(string path)
    {
        var chunk = new byte[1 << 20];
        // Unbuffered: a buffer left over would fail again when the stream is closed.
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true) await file.WriteAsync(chunk);
        }
        catch (IOException)
        {
            // Full: the point. Fill the last partial megabyte too.
        }
        for (var size = 1 << 16; size >= 1; size /= 2)
            try { await file.WriteAsync(chunk.AsMemory(0, size)); } catch (IOException) { /* this size no longer fits */ }
    }

    private static async Task<bool> Alive(int pid) => (await Postgres.Exec("kill", "-0", pid.ToString(System.Globalization.CultureInfo.InvariantCulture))).Code == 0;
}
