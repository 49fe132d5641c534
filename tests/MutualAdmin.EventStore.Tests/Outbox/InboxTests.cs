using MutualAdmin.EventStore.Outbox;
using MutualAdmin.Testing;
using Npgsql;

namespace MutualAdmin.EventStore.Tests.Outbox;

public sealed class InboxTests(TestCluster cluster) : StoreTest(cluster)
{
    [Fact]
    public async Task A_duplicate_message_is_ignored_by_the_inbox()
    {
        await Execute("create table remittances (message_id uuid, amount bigint)");
        var id = Guid.CreateVersion7();
        Task<bool> Deliver() => Inbox.Handle(DataSource, "remittance-importer", id, async (connection, tx) =>
        {
            await using var insert = new NpgsqlCommand($"insert into remittances values ('{id}', 5000)", connection, tx);
            await insert.ExecuteNonQueryAsync();
        });

        Assert.True(await Deliver());
        Assert.False(await Deliver());
        Assert.Equal(1, await Scalar("select count(*) from remittances"));
        // Another consumer of the same message is not affected.
        Assert.True(await Inbox.Handle(DataSource, "fund-feed", id, (_, _) => Task.CompletedTask));
    }

    [Fact]
    public async Task A_consumer_that_fails_leaves_no_inbox_row_so_the_redelivery_is_handled()
    {
        var id = Guid.CreateVersion7();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Inbox.Handle(DataSource, "remittance-importer", id, (_, _) => throw new InvalidOperationException("bad file")));
        Assert.True(await Inbox.Handle(DataSource, "remittance-importer", id, (_, _) => Task.CompletedTask));
    }
}
