using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Contributions.Ageing;
using MutualAdmin.Web.Tests.Schemes;

namespace MutualAdmin.Web.Tests.Contributions;

/// <summary>K-6 and E-8 read one grace period: the one the affiliation recorded when it was requested (S-2).</summary>
public sealed class RecordedGraceTests(TestCluster cluster) : ContributionsTest(cluster)
{
    [Fact]
    public async Task K_6_suspension_counts_the_grace_the_affiliation_recorded_not_a_version_published_after_it()
    {
        var a = await Affiliate("quarterly"); // requested today under the version from 2026-01-01: 30 days of grace
        // The Fund may date a new version back to any day after the latest one's, here to the request day.
        (await (await FundClient()).Publish(SchemeDocuments.Valid("CSU-BASE", Today.ToString("yyyy-MM-dd"))
            .With(s => s["gracePeriodDays"] = 5))).EnsureSuccessStatusCode();
        await Pay(Cashier, a.Affiliation, "R-0301", 875);
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30)); // the sweep reads the arrears ledger
        var secondDue = Today.AddMonths(3);

        Assert.Equal(0, await Service<ArrearsSweep>().Run(secondDue.AddDays(30), default));
        Assert.Equal("covered", await Eligibility(a.Number, secondDue.AddDays(30)));
        Assert.Equal(1, await Service<ArrearsSweep>().Run(secondDue.AddDays(31), default));
        Assert.Equal("suspended", await Eligibility(a.Number, secondDue.AddDays(31)));
    }
}
