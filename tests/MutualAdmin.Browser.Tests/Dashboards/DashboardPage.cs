using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace MutualAdmin.Browser.Tests.Dashboards;

/// <summary>What the dashboard page shows, compared figure by figure with the API's answer for the same filter.</summary>
public static class DashboardPage
{
    private static readonly string[] Breakdowns =
        ["by-state", "by-sex", "by-age-band", "arrears-by-age", "enrolment", "claims-by-outcome", "rejection-reasons", "top-diagnoses"];

    public static async Task<JsonElement> Figures(HttpClient manager, string month, string locality = "") =>
        await Households.Json(await manager.GetAsync($"/api/dashboard?month={month}{locality}"));

    public static async Task ExpectSame(IPage page, JsonElement api)
    {
        ILocator Test(string id) => page.Locator($"[data-test={id}]");
        var english = CultureInfo.GetCultureInfo("en");
        await Assertions.Expect(Test("collected")).ToHaveTextAsync(api.GetProperty("collected").GetInt64().ToString("N0", english));
        await Assertions.Expect(Test("due")).ToHaveTextAsync(api.GetProperty("due").GetInt64().ToString("N0", english));
        foreach (var name in Breakdowns)
        {
            var expected = Expected(api, name);
            var rows = Test($"figures-{name}").Locator("tr");
            await Assertions.Expect(rows).ToHaveCountAsync(expected.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                // In the API's order: the enrolment trend by month, the top diagnoses most frequent first.
                await Assertions.Expect(rows.Nth(i)).ToHaveAttributeAsync("data-key", expected[i].Key);
                await Assertions.Expect(rows.Nth(i).Locator("td")).ToHaveAttributeAsync("data-value", expected[i].Value);
            }
        }
    }

    private static List<(string Key, string Value)> Expected(JsonElement api, string name) => name switch
    {
        "enrolment" => [.. api.GetProperty("enrolment").EnumerateArray()
            .Select(e => (e.GetProperty("month").GetString()!, e.GetProperty("beneficiaries").GetInt64().ToString()))],
        "top-diagnoses" => [.. api.GetProperty("topDiagnoses").EnumerateArray()
            .Select(d => (d.GetProperty("code").GetString()!, d.GetProperty("claims").GetInt64().ToString()))],
        "claims-by-outcome" => Pairs(api.GetProperty("claims").GetProperty("byOutcome")),
        "rejection-reasons" => Pairs(api.GetProperty("claims").GetProperty("rejectionReasons")),
        "by-state" => Pairs(api.GetProperty("byState")),
        "by-sex" => Pairs(api.GetProperty("bySex")),
        "by-age-band" => Pairs(api.GetProperty("byAgeBand")),
        _ => Pairs(api.GetProperty("arrearsByAge")),
    };

    private static List<(string, string)> Pairs(JsonElement figures) =>
        [.. figures.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64().ToString()))];
}
