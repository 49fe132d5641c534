using System.Text.Json;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Reports;

public sealed class ReportDownloadTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task A_manager_publishes_last_month_s_register_and_the_downloaded_report_carries_the_hash_and_position_shown()
    {
        await Households.Affiliate(Host, "Rama Diagne");
        await SignIn($"cheikh.manager@{Thies}");
        await Test("nav-reports").ClickAsync();
        await Assertions.Expect(Page.GetByText("No report published yet.")).ToBeVisibleAsync();

        await Test("report-kind").SelectOptionAsync("affiliation-register");
        await Test("publish").ClickAsync();

        var row = Test("report-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var hash = await row.Locator("[data-test=report-hash]").TextContentAsync();
        var position = await row.Locator("[data-test=report-position]").TextContentAsync();
        Assert.Matches("^[0-9a-f]{64}$", hash);
        // Issue 25, problem 8: staff read the month and when its figures stand, the proof is behind "Details".
        await Assertions.Expect(Test("reports").Locator("thead")).Not.ToContainTextAsync("Position");
        await Assertions.Expect(row.Locator("[data-test=report-hash]")).ToBeHiddenAsync();
        await Assertions.Expect(row.Locator("[data-test=report-as-of]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\d/\d\d/\d{4} \d\d:\d\d$"));

        var download = await Page.RunAndWaitForDownloadAsync(() => row.Locator("[data-test=download-json]").ClickAsync());
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())).RootElement;
        Assert.Equal(hash, report.GetProperty("sha256").GetString());
        Assert.Equal(position, report.GetProperty("position").GetInt64().ToString());
        Assert.Equal("affiliation-register", report.GetProperty("kind").GetString());

        var csv = await Page.RunAndWaitForDownloadAsync(() => row.Locator("[data-test=download-csv]").ClickAsync());
        Assert.Contains($"position,{position}", await File.ReadAllTextAsync(await csv.PathAsync()));
    }
}
