using System.Diagnostics;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// The daemon's lag under sustained appends: 16 writers append units of 3 events while the daemon
/// keeps the beneficiary register; every 100 ms the status's lag (age of the oldest event not yet
/// applied, on the database clock) is sampled. Value: events/s projected; baseline: events/s appended.
/// </summary>
public static class Lag
{
    private const int Writers = 16;

    public static async Task<BenchResult> Run(Bench bench)
    {
        var duration = TimeSpan.FromSeconds(bench.Option("seconds", 20));
        var daemon = new ProjectionDaemon(bench.Store, [new BeneficiaryRegister()]);
        await daemon.StartAsync(CancellationToken.None);
        await Bench.Throughput(Writers, TimeSpan.FromSeconds(3), (w, n) => Unit(bench, w, -n - 1)); // warm-up
        await daemon.WaitForCatchUp(TimeSpan.FromMinutes(1));

        var startCheckpoint = (await daemon.Status()).Single().Checkpoint;
        var stopwatch = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var samples = Sample(daemon, sampling.Token);
        var appended = await Bench.Throughput(Writers, duration, (w, n) => Unit(bench, w, n)) * 3;
        await sampling.CancelAsync();
        var lags = (await samples).Order().ToList();
        var projected = ((await daemon.Status()).Single().Checkpoint - startCheckpoint) / stopwatch.Elapsed.TotalSeconds;
        await daemon.StopAsync(CancellationToken.None);

        double Percentile(double p) => lags[(int)Math.Min(lags.Count - 1, Math.Ceiling(p * lags.Count) - 1)];
        return new BenchResult("lag", projected, appended, FormattableString.Invariant(
            $"unit=events/s measures=projected_vs_appended writers={Writers} lag_p50={Percentile(0.50):F3}s lag_p99={Percentile(0.99):F3}s lag_max={lags[^1]:F3}s samples={lags.Count} seconds={duration.TotalSeconds}"));
    }

    private static async Task<List<double>> Sample(ProjectionDaemon daemon, CancellationToken ct)
    {
        var lags = new List<double>();
        while (!ct.IsCancellationRequested)
        {
            lags.Add((await daemon.Status(CancellationToken.None)).Single().LagSeconds);
            try { await Task.Delay(100, ct); } catch (OperationCanceledException) { }
        }
        return lags;
    }

    private static async Task Unit(Bench bench, int writer, long n)
    {
        await using var session = bench.Store.OpenSession(new EventMetadata("bench", "c", "enrol"));
        for (var i = 0; i < 3; i++)
            session.StartStream(new StreamId("bench", $"w{writer}-{n}-{i}"), "household", Bench.Payload(writer * 1_000_000_000L + Math.Abs(n) * 3 + i));
        await session.SaveChanges();
    }
}
