using System.Net.Http.Json;
using System.Net;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Contributions.Ageing;

namespace MutualAdmin.Web.Tests.Contributions;

public sealed class ArrearsTests(TestCluster cluster) : ContributionsTest(cluster)
{
    [Fact]
    public async Task R_2_arrears_are_listed_by_age_bucket_from_the_due_date()
    {
        var a = await Affiliate("quarterly");
        await Pay(Cashier, a.Affiliation, "R-0201", 875);
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        var secondDue = Today.AddMonths(3);

        var inBucket = async (int days) => await Json(await Cashier.GetAsync($"/api/arrears?asOf={secondDue.AddDays(days):yyyy-MM-dd}"));

        Assert.Equal(0, (await inBucket(0)).GetProperty("total").GetInt64()); // due today is not yet arrears
        Assert.Equal(875, (await inBucket(30)).GetProperty("buckets")[0].GetProperty("amount").GetInt64());
        Assert.Equal(875, (await inBucket(31)).GetProperty("buckets")[1].GetProperty("amount").GetInt64());
        var late = await Json(await Cashier.GetAsync($"/api/arrears?asOf={Today.AddMonths(9).AddDays(10):yyyy-MM-dd}&bucket=181%2B"));
        // Ten days after the fourth quarter fell due: quarter 4 is 10 days late, 3 about 100, 2 about 190.
        Assert.Equal([875L, 0, 875, 875], late.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("amount").GetInt64()));
        var line = late.GetProperty("lines")[0];
        Assert.Equal(a.Affiliation, line.GetProperty("affiliationId").GetGuid());
        // Whom to call: the household's member, from the member register.
        Assert.Equal("Awa Diop", line.GetProperty("memberName").GetString());
        Assert.Equal(a.Number, line.GetProperty("memberNumber").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Cashier.GetAsync("/api/arrears?bucket=old")).StatusCode);
    }

    [Fact]
    public async Task R_2_after_the_member_dies_the_arrears_name_the_dependant_who_carries_the_household_on()
    {
        var a = await Affiliate("quarterly", people: 2);
        await Pay(Cashier, a.Affiliation, "R-0203", 1750);
        var people = (await Json(await Officer.GetAsync($"/api/members/{a.Household}"))).GetProperty("beneficiaries").EnumerateArray().ToList();
        var (member, child) = (people[0].GetProperty("personId").GetGuid(), people[1]);
        var died = await Officer.PostAsJsonAsync($"/api/members/{a.Household}/people/{member}/death",
            new { diedOn = Today, newMemberId = child.GetProperty("personId").GetGuid() });
        Assert.Equal(HttpStatusCode.NoContent, died.StatusCode);
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));

        var late = await Json(await Cashier.GetAsync($"/api/arrears?asOf={Today.AddMonths(3).AddDays(10):yyyy-MM-dd}&bucket=1-30"));

        var line = Assert.Single(late.GetProperty("lines").EnumerateArray());
        Assert.Equal("Awa Diop child 1", line.GetProperty("memberName").GetString());
        Assert.Equal(child.GetProperty("beneficiaryNumber").GetString(), line.GetProperty("memberNumber").GetString());
    }

    [Fact]
    public async Task K_6_arrears_past_grace_suspend_from_the_next_day_and_paying_them_reinstates()
    {
        var a = await Affiliate("quarterly");
        await Pay(Cashier, a.Affiliation, "R-0202", 875);
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        var suspendedFrom = Today.AddMonths(3).AddDays(31); // second quarter due + grace 30, the next day

        Assert.Equal(0, await Service<ArrearsSweep>().Run(suspendedFrom.AddDays(-1), default));
        Assert.Equal(1, await Service<ArrearsSweep>().Run(suspendedFrom, default));
        Assert.Equal(0, await Service<ArrearsSweep>().Run(suspendedFrom, default)); // idempotent

        Assert.Equal("covered", await Eligibility(a.Number, suspendedFrom.AddDays(-1)));
        Assert.Equal("suspended", await Eligibility(a.Number, suspendedFrom));
        var paid = await Json(await Pay(Cashier, a.Affiliation, "R-0203", 875));
        Assert.Equal("active", paid.GetProperty("affiliationStatus").GetString());
        Assert.Equal("covered", await Eligibility(a.Number, suspendedFrom));
    }
}
