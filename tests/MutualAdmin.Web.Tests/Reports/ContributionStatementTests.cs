using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Contributions;

namespace MutualAdmin.Web.Tests.Reports;

/// <summary>R-2: the month's contributions and remittance, as of a position, from the same facts as K-8.</summary>
public sealed class ContributionStatementTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private static readonly DateOnly LastMonth = Today.AddDays(1 - Today.Day).AddMonths(-1);
    private static string Period => $"{LastMonth:yyyy-MM}";

    [Fact]
    public async Task R_2_collections_by_method_net_of_reversals_and_the_statement_as_k_8_computed_it()
    {
        var fund = await FundClient();
        var a = await Affiliate("annual", people: 2, requestedOn: LastMonth); // K-4: payments are dated from the request on
        await Pay(Cashier, a.Affiliation, "R-R2-1", 6000, paidOn: LastMonth.AddDays(2));
        await Pay(Cashier, a.Affiliation, "R-R2-2", 1005, method: "mobile-money", paidOn: LastMonth.AddDays(5));
        await Pay(Cashier, a.Affiliation, "R-R2-3", 999, paidOn: Today);
        await Reverse(Cashier, "R-R2-2", "bounced transfer", LastMonth.AddDays(9));
        var id = (await Json(await Cashier.PostAsJsonAsync("/api/remittances", new { period = Period }))).GetProperty("remittanceId").GetGuid();

        var prepared = await Report(fund, null);
        Assert.Equal(6000, prepared["collected"]!["total"]!.GetValue<long>());
        Assert.Equal(6000, prepared["collected"]!["byMethod"]!["cash"]!.GetValue<long>());
        Assert.Equal(0, prepared["collected"]!["byMethod"]!["mobile-money"]!.GetValue<long>());
        var remittance = prepared["remittance"]!;
        Assert.Equal(("prepared", 6000L, 600L, 5400L), (remittance["state"]!.GetValue<string>(), remittance["collected"]!.GetValue<long>(),
            remittance["administrativeFee"]!.GetValue<long>(), remittance["toRemit"]!.GetValue<long>()));
        var due = prepared["due"]!;
        Assert.Equal(due["total"]!.GetValue<long>(), due["memberShares"]!.GetValue<long>() + due["subsidyShares"]!.GetValue<long>());

        // the same position gives the same content after the statement moves on.
        var position = prepared["position"]!.GetValue<long>();
        (await Manager.PostAsync($"/api/remittances/{id}/submission", null)).EnsureSuccessStatusCode();
        Assert.Equal("submitted", (await Report(fund, null))["remittance"]!["state"]!.GetValue<string>());
        Assert.Equal(prepared.ToJsonString(), (await Report(fund, position)).ToJsonString());
    }

    private static async Task<JsonObject> Report(HttpClient fund, long? asOf)
    {
        var response = await fund.GetAsync($"/fund/v1/reports/contributions/thies/{Period}{(asOf is { } p ? $"?asOf={p}" : "")}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("generatedAt");
        return body;
    }
}
