using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests.Projections;

/// <summary>What the live runners share reads exactly what each would have read on its own.</summary>
public sealed class SharedReadsTests(TestCluster cluster) : ProjectionTest(cluster)
{
    [Fact]
    public async Task Each_runner_takes_its_own_types_up_to_its_limit_as_its_own_read_would()
    {
        await Fill(accounts: 3, deposits: 4); // 3 openings and 12 deposits
        var head = await Store.HeadPosition();
        var shared = new SharedReads(Store);

        foreach (var (after, types, limit) in new (long, string[], int)[]
                 {
                     (0, ["deposited"], 100), (0, ["account-opened"], 2), (3, ["deposited", "account-opened"], 5),
                     (head - 1, ["deposited"], 10), (head, ["deposited"], 10),
                 })
        {
            var own = await Store.CrossTenant.ReadTypesBetween(after, head, types, limit, null, default);
            var taken = await shared.TryRead(after, head, new HashSet<string>(types), limit, default);
            Assert.Equal(Positions(own), Positions(taken!));
        }
    }

    [Fact]
    public async Task A_runner_behind_what_is_kept_reads_on_its_own_and_one_ahead_starts_it_again()
    {
        await Fill(accounts: 2, deposits: 4); // 10 events
        var head = await Store.HeadPosition();
        var shared = new SharedReads(Store, keep: 4);
        var deposits = new HashSet<string> { "deposited" };

        Assert.NotNull(await shared.TryRead(0, 5, deposits, 100, default));
        Assert.NotNull(await shared.TryRead(5, head, deposits, 100, default)); // brings 6 to 10, lets 1 to 5 go
        Assert.Null(await shared.TryRead(0, head, deposits, 100, default));
        Assert.Equal(Positions(await Store.CrossTenant.ReadTypesBetween(5, head, ["deposited"], 100, null, default)),
            Positions((await shared.TryRead(5, head, deposits, 100, default))!));

        await Fill(accounts: 1, deposits: 1, tenant: "mutual-b");
        var later = await Store.HeadPosition();
        Assert.Equal(Positions(await Store.CrossTenant.ReadTypesBetween(head, later, ["deposited"], 100, null, default)),
            Positions((await shared.TryRead(head, later, deposits, 100, default))!));
    }

    private static long[] Positions(IEnumerable<RecordedEvent> events) => [.. events.Select(e => e.Position)];
}
