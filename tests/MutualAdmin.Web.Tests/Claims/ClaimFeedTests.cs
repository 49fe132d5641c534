using System.Net.Http.Json;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Claims;

/// <summary>fund-api.md: claim.decided and claim.paid in the Fund's feed, without diagnoses.</summary>
public sealed class ClaimFeedTests(TestCluster cluster) : ClaimsTest(cluster)
{
    [Fact]
    public async Task The_fund_hears_each_decision_once_including_after_review_and_each_payment_without_the_diagnosis()
    {
        var awa = await CoveredBeneficiary("Awa Feed");
        var day = ClaimsDay();
        var auto = await Decided(await Submit(ClaimsOfficer, Claim("FEED-1", awa, day.AddDays(-1), [Line("CONS-GEN", 1, 2000)])));
        var surgery = await Decided(await Submit(ClaimsOfficer, Claim("FEED-2", awa, day.AddDays(-20), [Line("SURG-APP", 1, 290000)], diagnosis: "K35.8")));
        var surgeryId = surgery.GetProperty("claimId").GetGuid();
        (await Reviewer.PostAsJsonAsync($"/api/claims/{surgeryId}/review", new { lines = new[] { new { lineNumber = 1, unitPrice = 285000 } }, justification = "agreed price" })).EnsureSuccessStatusCode();
        (await SecondReviewer.PostAsync($"/api/claims/{surgeryId}/second-approval", null)).EnsureSuccessStatusCode();
        var batch = await Json(await Manager.PostAsJsonAsync("/api/payment-batches", new { providerId = HealthCentre, period = $"{day:yyyy-MM}" }));
        (await Manager.PostAsJsonAsync($"/api/payment-batches/{batch.GetProperty("batchId").GetGuid()}/payment", new { bankReference = "BNK-FEED" })).EnsureSuccessStatusCode();
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));

        var feed = (await Json(await Fund.GetAsync("/fund/v1/events?after=0&limit=1000"))).EnumerateArray()
            .Where(e => e.GetProperty("type").GetString()!.StartsWith("org.mutualadmin.claim.", StringComparison.Ordinal)).ToList();
        var decided = feed.Where(e => e.GetProperty("type").GetString() == "org.mutualadmin.claim.decided").ToList();
        Assert.Equal([auto.GetProperty("claimId").GetGuid().ToString(), surgeryId.ToString()], decided.Select(e => e.GetProperty("subject").GetString()));
        Assert.Equal(("approved", 1600L), (decided[0].GetProperty("data").GetProperty("outcome").GetString(), decided[0].GetProperty("data").GetProperty("benefit").GetInt64()));
        Assert.Equal(("partially-approved", 256500L), (decided[1].GetProperty("data").GetProperty("outcome").GetString(), decided[1].GetProperty("data").GetProperty("benefit").GetInt64()));
        Assert.Equal(2, feed.Count(e => e.GetProperty("type").GetString() == "org.mutualadmin.claim.paid"));
        Assert.All(feed, e => Assert.DoesNotContain("K35", e.GetRawText()));
        Assert.All(feed, e => Assert.Equal(awa, e.GetProperty("data").GetProperty("beneficiary").GetString()));
    }
}
