using System.Net.Http.Json;
using System.Text.Json;

namespace MutualAdmin.Browser.Tests;

/// <summary>The starting states tests need, made through the API as an officer and a manager would.</summary>
public static class Households
{
    public sealed record Affiliated(Guid Household, Guid Affiliation);

    /// <summary>A one-person household of Thiès with an approved affiliation, pending until its first payment (E-6).</summary>
    public static async Task<Affiliated> Affiliate(UiHost host, string name, string plan = "annual", string tenant = UiHost.Thies)
    {
        var officer = await host.Api(tenant == UiHost.Thies ? $"fatou.enrolment-officer@{tenant}" : $"mariama.enrolment-officer@{tenant}");
        var manager = await host.Api(tenant == UiHost.Thies ? $"cheikh.manager@{tenant}" : $"ndeye.manager@{tenant}");
        var registered = await Json(await officer.PostAsJsonAsync("/api/members", new
        {
            member = new { fullName = name, sex = "F", birthDate = "1984-03-09", subsidyCategory = "standard" },
            locality = new { region = "Thiès", district = "Mbour", commune = "Joal-Fadiouth" },
            occupationCategory = "fishing",
            confirmedNotDuplicate = true,
        }));
        var household = registered.GetProperty("householdId").GetGuid();
        var requested = await Json(await officer.PostAsJsonAsync($"/api/members/{household}/affiliations", new { channel = "individual", paymentPlan = plan }));
        var affiliation = requested.GetProperty("affiliationId").GetGuid();
        (await manager.PostAsync($"/api/affiliations/{affiliation}/approval", null)).EnsureSuccessStatusCode();
        return new(household, affiliation);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
