using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests;

public sealed class AppendingTests(TestCluster cluster) : StoreTest(cluster)
{
    [Fact]
    public async Task Starting_a_stream_records_versions_positions_and_metadata()
    {
        var id = Stream("mutual-a");
        await using var session = Store.OpenSession(As("mutual-a", "open-account") with { Reason = "new member" });
        session.StartStream(id, "account", new AccountOpened("Awa"), new Deposited(500));
        var recorded = await session.SaveChanges();

        Assert.Equal([1L, 2L], recorded.Select(e => e.Version));
        Assert.True(recorded[1].Position > recorded[0].Position);
        var read = await Store.ReaderFor("mutual-a").ReadStream(id);
        Assert.Equal(new Deposited(500), read[1].Data);
        Assert.Equal("deposited", read[1].Type);
        Assert.Equal(("open-account", "tester", "manager", "new member"),
            (read[0].Metadata.Command, read[0].Metadata.UserId, read[0].Metadata.Role, read[0].Metadata.Reason));
    }

    [Fact]
    public async Task One_unit_of_work_appends_to_several_streams_atomically()
    {
        var (a, b) = (Stream("mutual-a"), Stream("mutual-a"));
        await Append("mutual-a", b, ExpectedVersion.NoStream, new AccountOpened("B"));
        await using var session = Store.OpenSession(As("mutual-a"));
        session.StartStream(a, "account", new AccountOpened("A"));
        session.Append(b, ExpectedVersion.Exactly(5), [new Deposited(1)]); // stale: b is at 1
        await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChanges());

        Assert.Empty(await Store.ReaderFor("mutual-a").ReadStream(a));
        Assert.Equal(1, await Scalar($"select count(*) from events where stream_id = '{b.Key}'"));
    }

    [Fact]
    public async Task Expected_versions_any_no_stream_and_exact_are_enforced()
    {
        var id = Stream("mutual-a");
        await Append("mutual-a", id, ExpectedVersion.Any, new AccountOpened("Any creates"));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Append("mutual-a", id, ExpectedVersion.NoStream, new AccountOpened("again")));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Append("mutual-a", id, ExpectedVersion.Exactly(2), new Deposited(1)));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Append("mutual-a", Stream("mutual-a"), ExpectedVersion.Exactly(1), new Deposited(1)));
        var appended = await Append("mutual-a", id, ExpectedVersion.Exactly(1), new Deposited(1));
        Assert.Equal(2, appended.Single().Version);
    }

    [Fact]
    public async Task Fetch_for_writing_gives_state_and_version_for_an_optimistic_append()
    {
        var id = Stream("mutual-a");
        await Append("mutual-a", id, ExpectedVersion.NoStream, new AccountOpened("Awa"), new Deposited(300));

        await using var session = Store.OpenSession(As("mutual-a"));
        var fetched = await session.FetchForWriting(id, Account.Initial, Account.Evolve, exclusive: true);
        Assert.Equal((new Account("Awa", 300), 2L), (fetched.State, fetched.Version));
        session.Append(fetched, new Withdrawn(100));
        await session.SaveChanges();

        var folded = await Store.ReaderFor("mutual-a").AggregateStream(id, Account.Initial, Account.Evolve);
        Assert.Equal(new Account("Awa", 200), folded!.Value.State);
    }

    [Fact]
    public async Task Bad_input_is_a_typed_error_and_writes_nothing()
    {
        var before = await Scalar("select count(*) from events");
        await using var session = Store.OpenSession(As("mutual-a"));

        await Assert.ThrowsAsync<InvalidAppendException>(() => session.SaveChanges());
        Assert.Throws<WrongTenantException>(() => session.Append(Stream("mutual-b"), ExpectedVersion.Any, [new Deposited(1)]));
        Assert.Throws<InvalidAppendException>(() => ExpectedVersion.Exactly(-3));
        Assert.Throws<InvalidAppendException>(() => session.Append(Stream("mutual-a"), ExpectedVersion.Any, [new { Not = "registered" }]));
        Assert.Throws<InvalidAppendException>(() => new StreamId("mutual-a", "line\nbreak"));
        Assert.Throws<InvalidAppendException>(() => Store.Bulk(As("mutual-a")).StartStream(Stream("mutual-a"), "account"));

        Assert.Equal(before, await Scalar("select count(*) from events"));
        Assert.Equal(0, await Scalar("select count(*) from streams where tenant_id = 'mutual-b'"));
    }
}
