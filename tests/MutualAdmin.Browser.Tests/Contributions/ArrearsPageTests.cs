using System.Net.Http.Json;
using Microsoft.Playwright;
using MutualAdmin.EventStore.Projections;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Contributions;

/// <summary>The arrears page under "all buckets" lists every overdue instalment its totals count (issue 25, problem 2).</summary>
public sealed class ArrearsPageTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task All_buckets_list_every_instalment_the_totals_count_and_never_say_no_arrears()
    {
        // A quarterly household that paid its first quarter only: ten months on, three quarters are overdue in two buckets.
        var affiliated = await Households.Affiliate(Host, "Mariama Arrears", plan: "quarterly");
        var cashier = await Host.Api($"awa.cashier@{Thies}");
        var account = await Households.Json(await cashier.GetAsync($"/api/affiliations/{affiliated.Affiliation}/account"));
        var first = account.GetProperty("instalments")[0].GetProperty("outstanding").GetInt64();
        await Households.Json(await cashier.PostAsJsonAsync($"/api/affiliations/{affiliated.Affiliation}/payments",
            new { receipt = "R-ARR-1", amount = first, method = "cash" }));
        await Host.Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));

        await SignIn($"awa.cashier@{Thies}");
        await Test("nav-arrears").ClickAsync();
        await Page.Locator("input[type=date]").FillAsync(DateTime.UtcNow.AddMonths(10).ToString("yyyy-MM-dd"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(Test("arrears-lines")).ToBeVisibleAsync(); // today's page said "No arrears." here

        var counted = 0;
        foreach (var cell in await Test("buckets").Locator("tbody tr:not(:last-child) td:nth-child(2)").AllInnerTextsAsync())
            counted += int.Parse(cell);
        Assert.True(counted >= 3, $"{counted} overdue instalments");
        await Assertions.Expect(Test("arrears-lines").Locator("tbody tr")).ToHaveCountAsync(counted);
        await Assertions.Expect(Page.GetByText("No arrears.")).ToHaveCountAsync(0);
    }
}
