using MutualAdmin.EventStore.Outbox;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests.Outbox;

public sealed class OutboxTests(TestCluster cluster) : StoreTest(cluster)
{
    private static readonly OutboxOptions Quick = new()
    {
        MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(10), Lease = TimeSpan.FromMilliseconds(300),
        SweepInterval = TimeSpan.FromMilliseconds(50),
    };

    private async Task<Guid> Commit(string payload = """{"claim": "C-1"}""")
    {
        var id = Guid.CreateVersion7();
        await using var session = Store.OpenSession(As("mutual-a"));
        session.StartStream(Stream("mutual-a"), "account", new AccountOpened("Awa"));
        await session.AddOutboxMessage(new OutboxMessage("fund-webhook", "claim-paid", payload, id));
        await session.SaveChanges();
        return id;
    }

    [Fact]
    public async Task A_message_committed_but_not_sent_before_a_crash_is_sent_by_the_sweep()
    {
        var id = await Commit(); // the process "dies" here: no dispatcher ran
        var sender = new RecordingSender();

        Assert.Equal(1, await new OutboxDispatcher(DataSource, [sender], Quick).Sweep());

        Assert.Equal(id, Assert.Single(sender.Sent).MessageId);
        Assert.Equal(1, await Scalar("select count(*) from outbox where sent_at is not null"));
        Assert.Equal(0, await new OutboxDispatcher(DataSource, [sender], Quick).Sweep());
    }

    [Fact]
    public async Task A_sender_that_dies_mid_send_leaves_the_message_to_another_node_after_the_lease()
    {
        var id = await Commit();
        using var death = new CancellationTokenSource();
        var dying = new RecordingSender { Before = async (_, ct) => { await death.CancelAsync(); ct.ThrowIfCancellationRequested(); } };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new OutboxDispatcher(DataSource, [dying], Quick).Sweep(death.Token));

        var survivor = new RecordingSender();
        var other = new OutboxDispatcher(DataSource, [survivor], Quick);
        Assert.Equal(0, await other.Sweep()); // still leased to the dead node
        await Task.Delay(Quick.Lease + TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, await other.Sweep());
        Assert.Equal((id, 2), (survivor.Sent.Single().MessageId, survivor.Sent.Single().Attempt));
    }

    [Fact]
    public async Task A_rolled_back_unit_of_work_leaves_no_message()
    {
        await using (var session = Store.OpenSession(As("mutual-a")))
        {
            session.Append(Stream("mutual-a"), ExpectedVersion.Exactly(7), [new Deposited(1)]);
            await session.AddOutboxMessage(new OutboxMessage("fund-webhook", "claim-paid", "{}"));
            await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChanges());
        }
        Assert.Equal(0, await Scalar("select count(*) from outbox"));
    }

    [Fact]
    public async Task The_running_dispatcher_sends_right_after_commit_without_waiting_for_a_sweep()
    {
        var sender = new RecordingSender();
        var dispatcher = new OutboxDispatcher(DataSource, [sender], Quick with { SweepInterval = TimeSpan.FromMinutes(5) });
        await dispatcher.StartAsync(CancellationToken.None);
        await Task.Delay(300); // listening
        var id = await Commit();
        for (var i = 0; i < 200 && sender.Sent.IsEmpty; i++) await Task.Delay(10);
        await dispatcher.StopAsync(CancellationToken.None);
        Assert.Equal(id, Assert.Single(sender.Sent).MessageId);
    }

    [Fact]
    public async Task A_message_failing_N_times_is_dead_lettered_with_its_error_and_can_be_revived()
    {
        await Commit();
        var failing = new RecordingSender { Before = (_, _) => throw new HttpRequestException("503 from the Fund") };
        var dispatcher = new OutboxDispatcher(DataSource, [failing], Quick);
        for (var i = 0; i < 100 && (await OutboxClaims.Dead(DataSource)).Count == 0; i++)
        {
            await dispatcher.Sweep();
            await Task.Delay(20);
        }

        var (message, error) = Assert.Single(await OutboxClaims.Dead(DataSource));
        Assert.Equal((3, 3), (failing.Calls, message.Attempt));
        Assert.Equal("503 from the Fund", error);
        Assert.Equal(0, await dispatcher.Sweep()); // dead letters are not retried on their own

        await OutboxClaims.Revive(DataSource, message);
        var healthy = new RecordingSender();
        Assert.Equal(1, await new OutboxDispatcher(DataSource, [healthy], Quick).Sweep());
        Assert.Single(healthy.Sent);
    }

    [Fact]
    public void Backoff_doubles_from_the_base_delay_up_to_the_cap()
    {
        var options = new OutboxOptions { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30) };
        Assert.Equal([2, 4, 8, 16, 30, 30], Enumerable.Range(1, 6).Select(a => options.Backoff(a).TotalSeconds));
    }
}
