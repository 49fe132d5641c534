using System.Net.Http.Json;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Dashboards;

/// <summary>The dashboard reads as people count (issue 25, smaller problems): age bands youngest first, an empty chart says so.</summary>
public sealed class DashboardReadingTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task Age_bands_run_youngest_first_and_an_empty_breakdown_says_there_is_no_data_yet()
    {
        // A household spanning four age bands, affiliated, so that the breakdown has bands to order.
        var officer = await Host.Api($"fatou.enrolment-officer@{Thies}");
        var year = DateTime.UtcNow.Year;
        var child = (string name, int age) => new { fullName = name, sex = "F", birthDate = $"{year - age}-01-15", relationship = "child", subsidyCategory = "standard" };
        var household = (await Households.Json(await officer.PostAsJsonAsync("/api/members", new
        {
            member = new { fullName = "Awa Âges", sex = "F", birthDate = $"{year - 40}-01-15", subsidyCategory = "standard" },
            locality = new { region = "Thiès", district = "Mbour", commune = "Joal-Fadiouth" }, occupationCategory = "fishing",
            dependants = new[] { child("Bébé Âges", 2), child("Fille Âges", 9), child("Ado Âges", 17) }, confirmedNotDuplicate = true,
        }))).GetProperty("householdId").GetGuid();
        var affiliation = (await Households.Json(await officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            new { channel = "individual", paymentPlan = "annual" }))).GetProperty("affiliationId").GetGuid();
        (await (await Host.Api($"cheikh.manager@{Thies}")).PostAsync($"/api/affiliations/{affiliation}/approval", null)).EnsureSuccessStatusCode();
        var cashier = await Host.Api($"awa.cashier@{Thies}");
        var due = (await Households.Json(await cashier.GetAsync($"/api/affiliations/{affiliation}/account"))).GetProperty("instalments")[0].GetProperty("outstanding").GetInt64();
        await Households.Json(await cashier.PostAsJsonAsync($"/api/affiliations/{affiliation}/payments", new { receipt = "AGE-1", amount = due, method = "cash" }));
        await Host.Service<MutualAdmin.EventStore.Projections.ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        await SignIn($"cheikh.manager@{Thies}");
        await Test("nav-dashboard").ClickAsync();
        await Assertions.Expect(Test("dashboard-loaded")).ToBeVisibleAsync();

        var bands = await Test("figures-by-age-band").Locator("tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.key)");
        Assert.True(bands.Length > 2, string.Join(", ", bands));
        var starts = bands.Select(b => int.Parse(new string(b.TakeWhile(char.IsDigit).ToArray()))).ToList();
        Assert.Equal(starts.Order(), starts);
        // Years before the demo, nothing was owed: the arrears chart says so rather than showing empty axes.
        await Test("dashboard-month").FillAsync("2020-01");
        await Test("dashboard-show").ClickAsync();
        await Assertions.Expect(Test("dashboard-loaded")).ToHaveAttributeAsync("data-month", "2020-01");
        await Assertions.Expect(Test("no-data-arrears-by-age")).ToHaveTextAsync("No data yet.");
    }
}
