using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Contributions;

namespace MutualAdmin.Web.Tests.Fund;

/// <summary>fund-api.md "Remittances": the Fund lists, acknowledges and disputes statements (K-8).</summary>
public sealed class FundRemittanceTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private static readonly DateOnly LastMonth = Today.AddDays(1 - Today.Day).AddMonths(-1);
    private static string Period => $"{LastMonth:yyyy-MM}";
    private HttpClient fund = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        fund = await FundClient();
    }

    private async Task<Guid> Submitted()
    {
        var a = await Affiliate("annual", people: 2, requestedOn: LastMonth); // K-4: payments are dated from the request on
        (await Pay(Cashier, a.Affiliation, "R-FUND-1", 7000, paidOn: LastMonth.AddDays(3))).EnsureSuccessStatusCode();
        var id = (await Json(await Cashier.PostAsJsonAsync("/api/remittances", new { period = Period }))).GetProperty("remittanceId").GetGuid();
        (await Manager.PostAsync($"/api/remittances/{id}/submission", null)).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task K_8_the_fund_lists_a_months_statements_and_acknowledges_one_once()
    {
        var id = await Submitted();

        var listed = (await Json(await fund.GetAsync($"/fund/v1/remittances?tenant=thies&period={Period}"))).EnumerateArray().Single();
        Assert.Equal((id, "submitted", 6300L), (listed.GetProperty("remittanceId").GetGuid(), listed.GetProperty("state").GetString(),
            listed.GetProperty("toRemit").GetInt64()));

        var body = new { receivedAmount = 6300, reference = "TRF-2026-001", receivedOn = Today.ToString("yyyy-MM-dd") };
        var first = await fund.PostAsJsonAsync($"/fund/v1/remittances/{id}/acknowledgement", body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("acknowledged", (await Json(first)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await fund.PostAsJsonAsync($"/fund/v1/remittances/{id}/acknowledgement", body)).StatusCode);
        Assert.Equal(1, await Scalar("select count(*) from events where event_type = 'remittance-acknowledged'"));
        Assert.Equal(1, await Scalar("select count(*) from events where event_type = 'remittance-acknowledged' and metadata ->> 'clientId' is not null"));

        var changed = await fund.PostAsJsonAsync($"/fund/v1/remittances/{id}/acknowledgement", body with { receivedAmount = 1 });
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await fund.PostAsJsonAsync($"/fund/v1/remittances/{id}/dispute", new { reason = "too late" })).StatusCode);
    }

    [Fact]
    public async Task K_8_a_dispute_carries_the_funds_reason()
    {
        var id = await Submitted();
        var disputed = await fund.PostAsJsonAsync($"/fund/v1/remittances/{id}/dispute", new { reason = "amount differs from the bank statement" });
        Assert.Equal(HttpStatusCode.OK, disputed.StatusCode);
        Assert.Equal("disputed", (await Json(disputed)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Unknown_statements_are_404_and_bad_input_names_the_field()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fund.PostAsJsonAsync($"/fund/v1/remittances/{Guid.NewGuid()}/dispute", new { reason = "x" })).StatusCode);
        foreach (var (query, field) in new[] { ("tenant=nowhere&period=2026-01", "tenant"), ("tenant=thies&period=2026-1", "period") })
        {
            var response = await fund.GetAsync($"/fund/v1/remittances?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(field, out _), query);
        }
        var id = await Submitted();
        var bad = await fund.PostAsJsonAsync($"/fund/v1/remittances/{id}/acknowledgement", new { receivedAmount = -5, reference = "", receivedOn = "2026-11-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("receivedAmount", out _) && errors.TryGetProperty("reference", out _));
    }

    [Theory]
    [InlineData("1000000000001")]
    [InlineData("9223372036854775808")]
    [InlineData("\"7000\"")]
    [InlineData("-1")]
    public async Task K_8_a_received_amount_out_of_range_or_as_a_string_is_a_400_naming_receivedAmount(string amount)
    {
        var response = await fund.PostAsync($"/fund/v1/remittances/{Guid.NewGuid()}/acknowledgement", new StringContent(
            $$"""{"receivedAmount": {{amount}}, "reference": "FUND-1", "receivedOn": "{{Today:yyyy-MM-dd}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.True(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("receivedAmount", out _), body);
    }
}
