using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Claims;

/// <summary>R-3: the month's claims and benefits, as of a position (A-3).</summary>
public sealed class ClaimsStatementTests(TestCluster cluster) : ClaimsTest(cluster)
{
    [Fact]
    public async Task R_3_counts_outcomes_amounts_reasons_and_the_claims_ratio_and_a_position_always_hashes_the_same()
    {
        var awa = await CoveredBeneficiary("Awa Statement");
        var binta = await CoveredBeneficiary("Binta Statement");
        var day = ClaimsDay();
        var period = $"{day:yyyy-MM}";
        // Contributions collected in the month: one annual share paid on the claims' day.
        var payer = await Affiliate("annual", name: "Coumba Payer");
        (await Pay(Cashier, payer.Affiliation, "R3-PAY", 3500)).EnsureSuccessStatusCode();

        await Decided(await Submit(ClaimsOfficer, Claim("R3-1", awa, day.AddDays(-1), [Line("CONS-GEN", 1, 2000)])));
        await Decided(await Submit(ClaimsOfficer, Claim("R3-2", binta, day.AddDays(-1), [Line("CONS-GEN", 1, 2000), Line("LAB-MAL", 1, 1000)])));
        await Decided(await Submit(ClaimsOfficer, Claim("R3-3", awa, day.AddDays(-9), [Line("CONS-GEN", 1, 2000)], diagnosis: "NOPE")));
        var pending = await Decided(await Submit(ClaimsOfficer, Claim("R3-4", binta, day.AddDays(-20), [Line("SURG-APP", 1, 200000)], diagnosis: "K35.8")));

        var (report, sha) = await Report(period, null);
        var received = report["received"]!;
        Assert.Equal((4, 1, 1, 1, 1), (received["claims"]!.GetValue<int>(), received["approved"]!.GetValue<int>(),
            received["rejected"]!.GetValue<int>(), received["pending-review"]!.GetValue<int>(), received["partially-approved"]!.GetValue<int>()));
        Assert.Equal(4, report["byProviderLevel"]!["health-centre"]!["claims"]!.GetValue<int>());
        var decided = report["decided"]!;
        // R3-1 approved, R3-2 partially (the malaria test is not billable at a health centre): 1,600 each; R3-3 rejected whole.
        Assert.Equal((3, 7000L, 4000L, 3200L, 800L), (decided["claims"]!.GetValue<int>(), decided["claimed"]!.GetValue<long>(),
            decided["eligible"]!.GetValue<long>(), decided["benefit"]!.GetValue<long>(), decided["coPayment"]!.GetValue<long>()));
        Assert.Equal((1, 1), (report["rejectionReasons"]!["UNKNOWN_DIAGNOSIS"]!.GetValue<int>(), report["rejectionReasons"]!["LEVEL_NOT_ALLOWED"]!.GetValue<int>()));
        Assert.Equal((3500L, 0.9143m), (report["contributionsCollected"]!.GetValue<long>(), report["claimsRatio"]!.GetValue<decimal>()));
        Assert.Equal(0, report["daysToDecision"]!["p90"]!.GetValue<int>());

        // A-3: later activity (the review decides R3-4) changes the current report, not the one at the position.
        var position = report["position"]!.GetValue<long>();
        (await Reviewer.PostAsJsonAsync($"/api/claims/{pending.GetProperty("claimId").GetGuid()}/review",
            new { lines = new[] { new { lineNumber = 1, unitPrice = 150000 } }, justification = "standard fee" })).EnsureSuccessStatusCode();
        var (now, _) = await Report(period, null);
        Assert.Equal(0, now["received"]!["pending-review"]!.GetValue<int>());
        var (again, againSha) = await Report(period, position);
        Assert.Equal((report.ToJsonString(), sha), (again.ToJsonString(), againSha));
    }

    private async Task<(JsonObject Report, string Sha256)> Report(string period, long? asOf)
    {
        var response = await Fund.GetAsync($"/fund/v1/reports/claims/thies/{period}{(asOf is { } p ? $"?asOf={p}" : "")}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("generatedAt");
        return (body, response.Headers.GetValues("X-Report-Sha256").Single());
    }
}
