using System.Collections.Concurrent;
using System.Diagnostics;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;
using Npgsql;

namespace MutualAdmin.EventStore.Tests.Projections;

/// <summary>
/// Architecture guarantee 1 on Marten's log: under concurrent appends, units rolled back after they
/// drew positions, and a transaction held open for 30 s while the others commit, every committed
/// event reaches the projection exactly once, none that rolled back does, and the lag is back under
/// a second once the writers stop.
/// </summary>
public sealed class NoSkipTests(TestCluster cluster) : ProjectionTest(cluster)
{
    [Fact]
    public async Task Every_committed_event_reaches_the_projection_once_through_rollbacks_and_a_long_transaction()
    {
        var daemon = Daemon(new EveryPosition());
        await daemon.StartAsync(CancellationToken.None);
        var committed = new ConcurrentBag<long>();
        var rolledBack = 0;

        // The long writer: its transaction holds a stream row for 30 s (longer than any daemon's
        // patience with a gap) before it appends; positions are only drawn under the append lock, at
        // the end, so the others commit all along.
        var longStream = Stream("mutual-a", "long");
        foreach (var e in await Append("mutual-a", longStream, ExpectedVersion.NoStream, new AccountOpened("patient"))) committed.Add(e.Position);
        var longWriter = Task.Run(async () =>
        {
            await using var session = Store.OpenSession(As("mutual-a"));
            var state = await session.FetchForWriting(longStream, Account.Initial, Account.Evolve, exclusive: true);
            await Task.Delay(TimeSpan.FromSeconds(30));
            session.Append(state, new Deposited(30));
            foreach (var e in await session.SaveChanges()) committed.Add(e.Position);
        });

        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var mine = Stream("mutual-a", $"writer-{w}");
            var version = 0L;
            var deadline = Stopwatch.StartNew();
            for (var unit = 0; deadline.Elapsed < TimeSpan.FromSeconds(32); unit++)
            {
                await using var session = Store.OpenSession(As("mutual-a"));
                session.Append(mine, version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(version), [new Deposited(unit), new Deposited(unit)]);
                if (random.Next(10) == 0)
                {
                    // One unit in ten rolls back after its first stream drew positions: its second
                    // stream (after it in key order, so appended second) is given a version it is not at.
                    session.Append(Stream("mutual-a", $"zz-doomed-{w}"), ExpectedVersion.Exactly(7), [new Deposited(-1)]);
                    await Assert.ThrowsAsync<ConcurrencyException>(() => session.SaveChanges());
                    Interlocked.Increment(ref rolledBack);
                    continue;
                }
                foreach (var e in await session.SaveChanges()) committed.Add(e.Position);
                version += 2;
            }
        })).ToList();

        await Task.WhenAll([.. writers, longWriter]);
        var stopped = Stopwatch.StartNew();
        await daemon.WaitForCatchUp(TimeSpan.FromSeconds(15));
        var lag = stopped.Elapsed;
        await daemon.StopAsync(CancellationToken.None);

        Assert.True(rolledBack > 0, "some units must have rolled back after drawing positions");
        var seen = await Seen();
        Assert.Equal(committed.Order(), seen.Select(s => s.Position));
        Assert.All(seen, s => Assert.Equal(1, s.Applied));
        Assert.True(lag < TimeSpan.FromSeconds(1), $"the projection caught up {lag.TotalMilliseconds:N0} ms after the last commit");
        Assert.True((await Store.VerifyChain("mutual-a")).Intact);
    }

    private async Task<List<(long Position, int Applied)>> Seen()
    {
        await using var command = DataSource.CreateCommand("select position, applied from every_position order by position");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, int)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), reader.GetInt32(1)));
        return rows;
    }

    /// <summary>One row per position it is given, counting how often: a skip is a missing row, a double delivery an applied of 2.</summary>
    private sealed class EveryPosition : IProjection
    {
        public string Name => "every_position";
        public IReadOnlyCollection<string> EventTypes { get; } = ["account-opened", "deposited", "withdrawn"];
        public IReadOnlyCollection<string> Tables => ["every_position"];

        public string CreateTables(ProjectionTables tables) =>
            $"create table {tables["every_position"]} (position bigint primary key, applied int not null)";

        public async Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
        {
            await using var sql = new NpgsqlCommand($"""
                insert into {batch.Tables["every_position"]} as t select p, 1 from unnest($1::bigint[]) p
                on conflict (position) do update set applied = t.applied + 1
                """, connection, transaction);
            sql.Parameters.Add(new() { Value = batch.Events.Select(e => e.Position).ToArray() });
            await sql.ExecuteNonQueryAsync(ct);
        }
    }
}
