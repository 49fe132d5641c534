using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests.Projections;

/// <summary>The runner's transaction: rows and checkpoint commit together or not at all, guarded by the old checkpoint.</summary>
public sealed class RunnerTests(TestCluster cluster) : ProjectionTest(cluster)
{
    [Fact]
    public async Task A_crash_between_writing_rows_and_committing_moves_no_checkpoint_and_nothing_is_applied_twice_after_restart()
    {
        var expected = await Fill(accounts: 3, deposits: 4);
        using var crash = new CancellationTokenSource();
        var crashing = new AccountBalances { AfterApply = () => { crash.Cancel(); crash.Token.ThrowIfCancellationRequested(); return Task.CompletedTask; } };
        await Prepare(crashing);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner(crashing).RunStep(crash.Token));

        Assert.Equal(0, await Checkpoint("balances"));
        Assert.Empty(await Rows("balances"));
        Assert.Equal(Step.Idle, await Drain(Runner(new AccountBalances())));
        Assert.Equal(await Store.HeadPosition(), await Checkpoint("balances"));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value, 5)), await Rows("balances"));
    }

    [Fact]
    public async Task Two_runners_forced_onto_one_projection_the_guarded_checkpoint_update_stops_one()
    {
        await Fill(accounts: 2, deposits: 3);
        await Execute("create table marks (runner text)");
        var first = Runner(new AccountBalances());
        // The second runner has read checkpoint 0 and its batch; the first then commits the same batch.
        var second = Runner(new AccountBalances
        {
            BeforeApply = async (_, connection, tx) =>
            {
                Assert.Equal(Step.Idle, await Drain(first));
                await using var mark = new Npgsql.NpgsqlCommand("insert into marks values ('second')", connection, tx);
                await mark.ExecuteNonQueryAsync();
            },
        });
        await Prepare(new AccountBalances());

        Assert.Equal(Step.Stop, await second.RunStep(CancellationToken.None));

        Assert.Equal(0, await Scalar("select count(*) from marks")); // the loser's transaction rolled back
        Assert.Equal(await Store.HeadPosition(), await Checkpoint("balances"));
        Assert.All(await Rows("balances"), r => Assert.Equal(4, r.Applied));
    }

    [Fact]
    public async Task A_runner_restarted_mid_stream_resumes_from_its_checkpoint_with_no_double_application()
    {
        var expected = await Fill(accounts: 10, deposits: 19); // 200 events, batches of 50
        var projection = new AccountBalances();
        await Prepare(projection);
        var runner = Runner(projection);
        Assert.Equal(Step.Applied, await runner.RunStep(CancellationToken.None));
        Assert.Equal(Step.Applied, await runner.RunStep(CancellationToken.None));
        var midway = await Checkpoint("balances");
        Assert.InRange(midway, 100, 199);

        // "Restart": a new daemon, with more events appended while it was down.
        foreach (var (key, value) in await Fill(accounts: 2, deposits: 5)) expected[key] = value;
        var daemon = Daemon(new AccountBalances());
        await daemon.StartAsync(CancellationToken.None);
        await daemon.WaitForCatchUp(Patience);
        await daemon.StopAsync(CancellationToken.None);

        var rows = await Rows("balances");
        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(expected[r.Stream], r.Balance));
        Assert.All(rows, r => Assert.Equal(r.Balance == 15 ? 6 : 20, r.Applied));
    }

    [Fact]
    public async Task A_pause_arriving_mid_batch_rolls_the_batch_back_and_the_runner_waits_instead_of_stopping()
    {
        await Fill(accounts: 2, deposits: 3);
        var projection = new AccountBalances { BeforeApply = (_, _, _) => Execute("update projection_progress set paused = true") };
        await Prepare(projection);

        Assert.Equal(Step.Idle, await Runner(projection).RunStep(CancellationToken.None));

        Assert.Equal(0, await Checkpoint("balances"));
        Assert.Empty(await Rows("balances"));
    }
}
