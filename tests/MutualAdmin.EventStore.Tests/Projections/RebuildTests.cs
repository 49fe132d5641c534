using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests.Projections;

public sealed class RebuildTests(TestCluster cluster) : ProjectionTest(cluster)
{
    [Fact]
    public async Task A_rebuilt_projection_equals_the_continuously_maintained_one_row_for_row()
    {
        // Two instances of the same read model: "twin" is never rebuilt. The gate holds the rebuild
        // until the test has seen its progress.
        var gate = new TaskCompletionSource();
        var daemon = Daemon(new AccountBalances("balances") { BeforeApply = (b, _, _) => b.Tables.Generation == 2 ? gate.Task : Task.CompletedTask },
            new AccountBalances("twin"));
        await daemon.StartAsync(CancellationToken.None);
        await Fill(accounts: 20, deposits: 30, tenant: "mutual-a");
        await Fill(accounts: 10, deposits: 30, tenant: "mutual-b");
        await daemon.WaitForCatchUp(Patience);

        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested) await Fill(accounts: 1, deposits: 3);
        });
        Assert.Equal(2, await daemon.Rebuild("balances"));
        var seen = await SeeRebuilding(daemon);
        gate.SetResult();
        await daemon.WaitForRebuild("balances", Patience);
        await writing.CancelAsync();
        await writer;
        await daemon.WaitForCatchUp(Patience);

        Assert.NotNull(seen.Rebuild);
        Assert.Equal(2, (await daemon.Status()).Single(s => s.Name == "balances").Generation);
        Assert.Equal(await Rows("twin"), await Rows("balances"));
        Assert.Equal(await Rows("twin_v1"), await Rows("balances_v2"));
        Assert.Equal(0, await Scalar("select count(*) from pg_tables where tablename = 'balances_v1'"));
        await daemon.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_poison_event_pauses_a_rebuild_while_the_live_generation_keeps_serving()
    {
        var projection = new AccountBalances();
        var daemon = Daemon(projection);
        await daemon.StartAsync(CancellationToken.None);
        await Fill(accounts: 5, deposits: 20);
        var victim = Stream("mutual-a");
        await Append("mutual-a", victim, ExpectedVersion.NoStream, new AccountOpened("Awa"), new Deposited(1300));
        await daemon.WaitForCatchUp(Patience);

        projection.IsPoison = e => e.Data is Deposited { Amount: 1300 }; // a new release with a bug
        await daemon.Rebuild("balances");
        var paused = await Until(daemon, s => s.Generation == 2 && s.State == ProjectionState.Paused);

        Assert.Contains("rebuild stopped at event", paused.PausedReason);
        Assert.Contains("poison", paused.PausedReason);
        Assert.Empty(await daemon.DeadLetters());
        var live = (await daemon.Status()).Single(s => s.Live);
        Assert.Equal((1, ProjectionState.Running), (live.Generation, live.State));
        Assert.Equal(1300, (await Rows("balances")).Single(r => r.Stream == victim.Key).Balance);

        projection.IsPoison = _ => false; // fixed; the operator resumes
        await daemon.Resume("balances");
        await daemon.WaitForRebuild("balances", Patience);
        Assert.Equal(1300, (await Rows("balances")).Single(r => r.Stream == victim.Key).Balance);
        await daemon.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_node_with_a_newer_projection_version_rebuilds_and_switches_while_the_old_version_keeps_the_live_one()
    {
        var old = Daemon(new AccountBalances());
        await old.StartAsync(CancellationToken.None);
        var expected = await Fill(accounts: 10, deposits: 30);
        await old.WaitForCatchUp(Patience);

        var gate = new TaskCompletionSource();
        var upgraded = Daemon(new AccountBalances { Version = 2, BeforeApply = (_, _, _) => gate.Task });
        await upgraded.StartAsync(CancellationToken.None); // rolling deploy: both versions run for a while
        var rebuilding = await SeeRebuilding(upgraded);
        foreach (var (key, value) in await Fill(accounts: 2, deposits: 3)) expected[key] = value;
        await old.WaitForCatchUp(Patience); // the old version keeps the live generation current meanwhile
        Assert.Equal(expected.Count, (await Rows("balances")).Count);
        Assert.DoesNotContain(await old.Status(), s => s.Generation == 2 && s.LedHere); // old code never builds the new shape
        gate.SetResult();
        await upgraded.WaitForRebuild("balances", Patience);
        await old.StopAsync(CancellationToken.None);
        await upgraded.WaitForCatchUp(Patience);

        Assert.Equal((2, false), (rebuilding.Generation, rebuilding.Live));
        Assert.Equal(2, await Scalar("select projection_version from projection_progress where name = 'balances' and live"));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value)),
            (await Rows("balances")).Select(r => (r.Stream, r.Balance)));
        await upgraded.StopAsync(CancellationToken.None);
    }

    private static async Task<ProjectionStatus> SeeRebuilding(ProjectionDaemon daemon) =>
        await Until(daemon, s => s.Name == "balances" && !s.Live);

    private static async Task<ProjectionStatus> Until(ProjectionDaemon daemon, Func<ProjectionStatus, bool> condition)
    {
        for (var i = 0; i < 1_000; i++)
        {
            if ((await daemon.Status()).FirstOrDefault(condition) is { } status) return status;
            await Task.Delay(10);
        }
        throw new TimeoutException(string.Join(Environment.NewLine, await daemon.Status()));
    }
}
