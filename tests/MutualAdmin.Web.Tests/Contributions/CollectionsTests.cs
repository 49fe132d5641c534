using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Contributions;

public sealed class CollectionsTests(TestCluster cluster) : ContributionsTest(cluster)
{
    [Fact]
    public async Task R_2_collections_per_month_by_method_and_share_count_reversals_in_their_own_month()
    {
        var lastMonth = Today.AddDays(1 - Today.Day).AddMonths(-1);
        // Requested on the first of last month (K-4: no payment is dated before it), so the subsidies fell due then.
        var a = await Affiliate("annual", people: 2, requestedOn: lastMonth);
        await Pay(Cashier, a.Affiliation, "R-0401", 4000, "cash", lastMonth);
        await Pay(Cashier, a.Affiliation, "R-0402", 1000, "mobile-money", lastMonth.AddDays(1));
        await Pay(Cashier, a.Affiliation, "R-0403", 2000, "mobile-money", Today);
        await Reverse(Cashier, "R-0401", "entry error", Today);
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));

        var last = await Json(await Cashier.GetAsync($"/api/collections?period={lastMonth:yyyy-MM}"));
        var now = await Json(await Cashier.GetAsync($"/api/collections?period={Today:yyyy-MM}"));

        Assert.Equal((5000, 7000), (last.GetProperty("memberCollected").GetInt64(), last.GetProperty("subsidiesDue").GetInt64()));
        // This month: 2000 by mobile money, the 4000 cash payment of last month reversed; no subsidy fell due.
        Assert.Equal(-2000, now.GetProperty("memberCollected").GetInt64());
        Assert.Equal(0, now.GetProperty("subsidiesDue").GetInt64());
        Assert.Equal(["cash:member:-4000", "mobile-money:member:2000"], now.GetProperty("rows").EnumerateArray()
            .Select(r => $"{r.GetProperty("method").GetString()}:{r.GetProperty("share").GetString()}:{r.GetProperty("amount").GetInt64()}"));
    }
}
