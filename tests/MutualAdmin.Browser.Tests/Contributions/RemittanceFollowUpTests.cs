using System.Net.Http.Json;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Contributions;

/// <summary>
/// Following a month's remittance after it is submitted (K-8): the Fund disputes it, a corrected
/// statement replaces it, the Fund acknowledges that one with its reference and the amount received.
/// </summary>
public sealed class RemittanceFollowUpTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task A_manager_sees_the_fund_s_dispute_prepares_a_correction_and_sees_its_acknowledgement()
    {
        var month = DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM");
        var manager = await Host.Api($"cheikh.manager@{Thies}");
        var first = await Households.Json(await manager.PostAsJsonAsync("/api/remittances", new { period = month }));
        var firstId = first.GetProperty("remittanceId").GetGuid();
        (await manager.PostAsync($"/api/remittances/{firstId}/submission", null)).EnsureSuccessStatusCode();
        var fund = await Host.FundApi();
        (await fund.PostAsJsonAsync($"/fund/v1/remittances/{firstId}/dispute", new { reason = "subsidies of two indigent members missing" }))
            .EnsureSuccessStatusCode();

        await SignIn($"cheikh.manager@{Thies}");
        await Test("nav-remittances").ClickAsync();
        await Assertions.Expect(Test("remittance-state")).ToHaveTextAsync("Disputed");
        await Assertions.Expect(Test("dispute-reason")).ToHaveTextAsync("subsidies of two indigent members missing");

        await Test("prepare").ClickAsync();
        await Assertions.Expect(Test("remittance-state")).ToHaveTextAsync(["Superseded", "Prepared"]);
        await Assertions.Expect(Test("superseded-by")).ToContainTextAsync("#2");
        await Test("submit-remittance").ClickAsync();
        await Assertions.Expect(Test("remittance-state").Nth(1)).ToHaveTextAsync("Submitted");

        var second = (await Households.Json(await manager.GetAsync($"/api/remittances?period={month}")))[1];
        (await fund.PostAsJsonAsync($"/fund/v1/remittances/{second.GetProperty("remittanceId").GetGuid()}/acknowledgement", new
        {
            receivedAmount = second.GetProperty("toRemit").GetInt64(), reference = "FUND-TRF-0931", receivedOn = DateTime.UtcNow.ToString("yyyy-MM-dd"),
        })).EnsureSuccessStatusCode();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(Test("remittance-state").Nth(1)).ToHaveTextAsync("Acknowledged");
        await Assertions.Expect(Test("acknowledgement")).ToContainTextAsync("FUND-TRF-0931");
        await Assertions.Expect(Test("received-difference")).ToHaveCountAsync(0);
    }
}
