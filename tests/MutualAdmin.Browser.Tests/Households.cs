using System.Net.Http.Json;
using System.Text.Json;

namespace MutualAdmin.Browser.Tests;

/// <summary>The starting states tests need, made through the API as an officer and a manager would.</summary>
public static class Households
{
    public sealed record Affiliated(Guid Household, Guid Affiliation);

    /// <summary>A one-person household of Thiès with an approved affiliation, pending until its first payment (E-6).</summary>
    public static async Task<Affiliated> Affiliate(UiHost host, string name, string plan = "annual", Place? place = null)
    {
        var officer = await host.Api($"fatou.enrolment-officer@{UiHost.Thies}");
        var household = await Register(host, name, place);
        var requested = await Json(await officer.PostAsJsonAsync($"/api/members/{household}/affiliations", new { channel = "individual", paymentPlan = plan }));
        var affiliation = requested.GetProperty("affiliationId").GetGuid();
        (await (await host.Api($"cheikh.manager@{UiHost.Thies}")).PostAsync($"/api/affiliations/{affiliation}/approval", null)).EnsureSuccessStatusCode();
        return new(household, affiliation);
    }

    /// <summary>Where a household lives (E-1).</summary>
    public sealed record Place(string Region, string District, string Commune);

    /// <summary>A one-person household of the Thiès mutual (at Joal-Fadiouth unless placed elsewhere), not affiliated yet.</summary>
    public static async Task<Guid> Register(UiHost host, string name, Place? place = null)
    {
        var officer = await host.Api($"fatou.enrolment-officer@{UiHost.Thies}");
        var registered = await Json(await officer.PostAsJsonAsync("/api/members", new
        {
            member = new { fullName = name, sex = "F", birthDate = "1984-03-09", subsidyCategory = "standard" },
            locality = place ?? new Place("Thiès", "Mbour", "Joal-Fadiouth"),
            occupationCategory = "fishing",
            confirmedNotDuplicate = true,
        }));
        return registered.GetProperty("householdId").GetGuid();
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
