using System.Diagnostics;
using MutualAdmin.EventStore.Projections;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// Issue 10: the auditor's verification of a tenant with 1,000,000 events (`--events`): the hash chain
/// recomputed, then the beneficiary register replayed into scratch tables and compared row by row with
/// the live one, against a raw sequential read of the same events. Events/s over both passes.
/// </summary>
public static class Verify
{
    public static async Task<BenchResult> Run(Bench bench)
    {
        var total = bench.Option("events", 1_000_000);
        await Rebuild.Load(bench, total);
        await Rebuild.RawRead(bench);
        var raw = await Rebuild.RawRead(bench);

        var register = new BeneficiaryRegister();
        var daemon = new ProjectionDaemon(bench.Store, [register]);
        await daemon.StartAsync(CancellationToken.None);
        await daemon.WaitForCatchUp(TimeSpan.FromMinutes(30));
        await daemon.StopAsync(CancellationToken.None);

        var stopwatch = Stopwatch.StartNew();
        var chain = await bench.Store.VerifyChain("bench");
        var chainSeconds = stopwatch.Elapsed.TotalSeconds;
        var projection = await ProjectionVerifier.Verify(bench.Store, register);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        if (!chain.Intact || !projection.Equal) Console.Error.WriteLine($"verification failed: chain {chain.FirstBreak}, {projection.Differences.Count} differences");
        var events = chain.EventsChecked + projection.EventsReplayed;
        return new BenchResult("verify", events / seconds, raw, FormattableString.Invariant(
            $"unit=events/s events={total} chain_seconds={chainSeconds:F1} projection_seconds={seconds - chainSeconds:F1} passed={chain.Intact && projection.Equal} baseline=raw_sequential_read"));
    }
}
