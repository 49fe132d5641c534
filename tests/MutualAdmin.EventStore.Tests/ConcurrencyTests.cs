using System.Collections.Concurrent;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.EventStore.Tests;

public sealed class ConcurrencyTests(TestCluster cluster) : StoreTest(cluster)
{
    [Fact]
    public async Task A_later_commit_never_becomes_visible_before_an_earlier_open_append()
    {
        var (early, late) = (Stream("mutual-a"), Stream("mutual-a"));
        var checkpoint = await Store.HeadPosition();

        // The early writer has appended (its positions are drawn) and keeps its transaction open.
        var (connection, tx) = await OpenAppend("mutual-a", early.Key, new Deposited(1));
        await using var _ = connection;

        var later = Append("mutual-a", late, ExpectedVersion.NoStream, new Deposited(2));
        await Task.Delay(500);
        Assert.False(later.IsCompleted, "the later append must wait for the earlier one's commit");
        Assert.Empty(await Store.CrossTenant.ReadAllAfter(checkpoint));

        await tx.CommitAsync();
        var laterEvent = (await later).Single();
        var seen = await Store.CrossTenant.ReadAllAfter(checkpoint);
        Assert.Equal([early.Key, late.Key], seen.Select(e => e.StreamKey));
        Assert.True(seen[0].Position < laterEvent.Position);
    }

    [Fact]
    public async Task A_rolled_back_append_lets_the_later_one_through_and_nothing_is_skipped()
    {
        var checkpoint = await Store.HeadPosition();
        var (connection, tx) = await OpenAppend("mutual-a", "doomed", new Deposited(1));
        await using var _ = connection;

        var later = Append("mutual-a", Stream("mutual-a"), ExpectedVersion.NoStream, new Deposited(2));
        await Task.Delay(300);
        Assert.False(later.IsCompleted);
        await tx.RollbackAsync();
        await later;

        var seen = await Store.CrossTenant.ReadAllAfter(checkpoint);
        Assert.Equal(new Deposited(2), seen.Single().Data);
    }

    [Fact]
    public async Task Two_writers_at_the_same_expected_version_one_wins_and_the_loser_draws_no_position()
    {
        var id = Stream("mutual-a");
        await Append("mutual-a", id, ExpectedVersion.NoStream, new AccountOpened("Awa"));
        var lastDrawn = await Scalar("select last_value from log_position");

        using var start = new Barrier(2);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            await using var session = Store.OpenSession(As("mutual-a"));
            session.Append(id, ExpectedVersion.Exactly(1), [new Deposited(i + 1)]);
            start.SignalAndWait();
            try { await session.SaveChanges(); return "ok"; }
            catch (ConcurrencyException) { return "conflict"; }
        })));

        Assert.Equal(["conflict", "ok"], outcomes.Order());
        var versions = (await Store.ReaderFor("mutual-a").ReadStream(id)).Select(e => e.Version);
        Assert.Equal([1L, 2L], versions);
        Assert.Equal(lastDrawn + 1, await Scalar("select last_value from log_position"));
    }

    [Fact]
    public async Task A_unique_violation_on_stream_version_is_a_concurrency_error()
    {
        var id = Stream("mutual-u");
        await Append("mutual-u", id, ExpectedVersion.NoStream, new AccountOpened("Awa"));
        // A row slipped in behind the streams table's back, as a racing path might do.
        await Execute($"insert into mt_events (seq_id, id, tenant_id, stream_id, version, type, data, timestamp) values (nextval('mt_events_sequence'), gen_random_uuid(), 'mutual-u', '{id.Key}', 2, 'deposited', '{{}}', now())");
        await Assert.ThrowsAsync<ConcurrencyException>(() => Append("mutual-u", id, ExpectedVersion.Exactly(1), new Deposited(1)));
    }

    [Fact]
    public async Task Randomised_concurrent_appends_are_read_once_each_in_order_with_contiguous_versions()
    {
        const int writers = 16, unitsPerWriter = 25;
        var streams = Enumerable.Range(0, 4).Select(i => Stream("mutual-a", $"hot-{i}")).ToArray();
        var checkpoint = await Store.HeadPosition();
        var written = new ConcurrentBag<Guid>();
        var done = false;

        // A reader polls as a projection would, while the writers run.
        var seen = new List<RecordedEvent>();
        var reader = Task.Run(async () =>
        {
            var position = checkpoint;
            while (true)
            {
                var finished = Volatile.Read(ref done);
                var batch = await Store.CrossTenant.ReadAllAfter(position, 50);
                seen.AddRange(batch);
                if (batch.Count > 0) position = batch[^1].Position;
                else if (finished) return;
            }
        });

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var unit = 0; unit < unitsPerWriter; unit++)
            {
                while (true)
                {
                    var picked = streams.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
                    await using var session = Store.OpenSession(As("mutual-a"));
                    foreach (var id in picked)
                    {
                        var state = await session.FetchForWriting(id, Account.Initial, Account.Evolve);
                        session.Append(state, Enumerable.Range(0, random.Next(1, 4)).Select(n => (object)new Deposited(n)).ToArray());
                    }
                    try
                    {
                        foreach (var e in await session.SaveChanges()) written.Add(e.EventId);
                        break;
                    }
                    catch (ConcurrencyException) { /* someone else moved a stream: read again and retry */ }
                }
            }
        })));
        Volatile.Write(ref done, true);
        await reader;

        Assert.Equal(written.Order(), seen.Select(e => e.EventId).Order());
        Assert.Equal(seen.Count, seen.Select(e => e.EventId).Distinct().Count());
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Position < p.Second.Position));
        foreach (var stream in seen.GroupBy(e => e.StreamKey))
            Assert.Equal(Enumerable.Range(1, stream.Count()).Select(v => (long)v), stream.Select(e => e.Version));
        Assert.True((await Store.VerifyChain("mutual-a")).Intact);
    }
}
