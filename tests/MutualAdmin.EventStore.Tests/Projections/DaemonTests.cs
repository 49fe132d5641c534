using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests.Projections;

public sealed class DaemonTests(TestCluster cluster) : ProjectionTest(cluster)
{
    [Fact]
    public async Task The_daemon_keeps_a_projection_readable_through_its_view_and_reports_its_status()
    {
        var daemon = Daemon(new AccountBalances());
        await daemon.StartAsync(CancellationToken.None);
        var expected = await Fill(accounts: 4, deposits: 10);
        await daemon.WaitForCatchUp(Patience);

        Assert.Equal(expected.Values.Order(), (await Rows("balances")).Select(r => r.Balance).Order());
        var status = Assert.Single(await daemon.Status());
        Assert.Equal((ProjectionState.Running, true, 1, true), (status.State, status.Live, status.Generation, status.LedHere));
        Assert.Equal((await Store.HeadPosition(), 0L, 0.0), (status.Checkpoint, status.LagPositions, status.LagSeconds));
        await daemon.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Two_daemons_on_one_database_elect_one_leader_and_apply_each_event_once()
    {
        var (one, two) = (Daemon(new AccountBalances()), Daemon(new AccountBalances()));
        await Task.WhenAll(one.StartAsync(CancellationToken.None), two.StartAsync(CancellationToken.None));
        await Fill(accounts: 5, deposits: 20);
        await one.WaitForCatchUp(Patience);

        var led = (await one.Status()).Single().LedHere ^ (await two.Status()).Single().LedHere;
        Assert.True(led, "exactly one daemon leads the projection");
        Assert.All(await Rows("balances"), r => Assert.Equal(21, r.Applied));

        // The leader goes away; the other takes over within a supervision interval.
        var leader = (await one.Status()).Single().LedHere ? one : two;
        var follower = leader == one ? two : one;
        await leader.StopAsync(CancellationToken.None);
        var late = await Fill(accounts: 1, deposits: 3);
        await follower.WaitForCatchUp(Patience);
        Assert.Equal(late.Single().Value, (await Rows("balances")).Single(r => r.Stream == late.Single().Key).Balance);
        await follower.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WaitForCatchUp_says_why_when_it_times_out()
    {
        var daemon = Daemon(new AccountBalances());
        await daemon.StartAsync(CancellationToken.None);
        await daemon.WaitForCatchUp(Patience);
        await daemon.Pause("balances", "month-end freeze");
        await Fill(accounts: 1, deposits: 2);
        var head = await Store.HeadPosition();

        var stuck = await Assert.ThrowsAsync<ProjectionsBehindException>(() => daemon.WaitForCatchUp(TimeSpan.FromMilliseconds(300)));

        Assert.Contains($"did not reach position {head}", stuck.Message);
        Assert.Contains($"checkpoint 0 of head {head}", stuck.Message);
        Assert.Contains("paused: month-end freeze", stuck.Message);
        Assert.Contains("0 open dead letters", stuck.Message);
        await daemon.Resume("balances");
        await daemon.WaitForCatchUp(Patience);
        await daemon.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WaitForCatchUp_for_named_projections_waits_for_them_only()
    {
        var daemon = Daemon(new AccountBalances(), new AccountBalances("held"));
        await daemon.StartAsync(CancellationToken.None);
        await daemon.WaitForCatchUp(Patience);
        await daemon.Pause("held", "held back");
        await Fill(accounts: 2, deposits: 3);

        await daemon.WaitForCatchUp(["balances"], Patience);
        var stuck = await Assert.ThrowsAsync<ProjectionsBehindException>(() => daemon.WaitForCatchUp(["held"], TimeSpan.FromMilliseconds(300)));
        Assert.Contains("paused: held back", stuck.Message);
        Assert.DoesNotContain("balances", stuck.Message);
        await daemon.Resume("held");
        await daemon.WaitForCatchUp(Patience);
        await daemon.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_poison_event_in_normal_running_is_dead_lettered_and_the_projection_goes_on()
    {
        var projection = new AccountBalances { IsPoison = e => e.Data is Deposited { Amount: 1300 } };
        var daemon = Daemon(projection);
        await daemon.StartAsync(CancellationToken.None);
        await Fill(accounts: 3, deposits: 5);
        var victim = Stream("mutual-a");
        await Append("mutual-a", victim, ExpectedVersion.NoStream, new AccountOpened("Awa"), new Deposited(100), new Deposited(1300));
        await Fill(accounts: 3, deposits: 5);
        await daemon.WaitForCatchUp(Patience);

        var letter = Assert.Single(await daemon.DeadLetters("balances"));
        Assert.Equal((victim.Key, "deposited"), (letter.StreamKey, letter.EventType));
        Assert.Contains("poison", letter.Error);
        Assert.Equal(1, (await daemon.Status()).Single().OpenDeadLetters);
        Assert.Equal(100, (await Rows("balances")).Single(r => r.Stream == victim.Key).Balance);
        Assert.Equal(6, (await Rows("balances")).Count(r => r.Balance == 15));

        projection.IsPoison = _ => false; // the fix is deployed; the operator retries
        await daemon.Retry(letter);
        Assert.Empty(await daemon.DeadLetters());
        Assert.Equal(1400, (await Rows("balances")).Single(r => r.Stream == victim.Key).Balance);
        await daemon.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_batch_where_every_event_fails_pauses_the_projection_instead_of_dead_lettering_the_log()
    {
        var daemon = Daemon(new AccountBalances { IsPoison = _ => true }); // a bug, not bad events
        await daemon.StartAsync(CancellationToken.None);
        await Fill(accounts: 2, deposits: 5);
        var status = await Until(daemon, s => s.State == ProjectionState.Paused);
        await daemon.StopAsync(CancellationToken.None);

        Assert.Contains("every event of a batch", status.PausedReason);
        Assert.Empty(await daemon.DeadLetters());
        Assert.Equal(0, status.Checkpoint);
    }

    [Fact]
    public async Task A_daemon_that_was_never_started_is_named_as_the_reason_and_bad_table_names_fail_at_once()
    {
        await Fill(accounts: 1, deposits: 1);
        var stuck = await Assert.ThrowsAsync<ProjectionsBehindException>(() => Daemon(new AccountBalances()).WaitForCatchUp(TimeSpan.FromMilliseconds(100)));
        Assert.Contains("has the daemon been started", stuck.Message);
        Assert.Throws<ArgumentException>(() => Daemon(new AccountBalances("Balances; drop table events")));
    }

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
