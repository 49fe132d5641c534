using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Reference;
using MutualAdmin.Web.Schemes;
using MutualAdmin.Web.Schemes.Publishing;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>The HTTP scenarios' mutual "bench": its schemes, provider, ICD-10 list and staff, and covered beneficiaries.</summary>
public static class BenchMutual
{
    public static async Task Prepare(WebApplication app)
    {
        var seeds = app.Services.GetRequiredService<SeedFiles>();
        // Each seed scheme, then a version from the next day with no waiting period (S-2: affiliations
        // take it from the version in force), so that a household paid up today is covered today.
        foreach (var scheme in seeds.Schemes())
            foreach (var version in new[] { scheme, scheme with { EffectiveFrom = scheme.EffectiveFrom.AddDays(1), WaitingPeriodDays = 0 } })
                await PublishScheme.Publish(app.Services.GetRequiredService<EventStore.EventStore>(),
                    EventMetadata.System(SchemeStreams.Tenant, "bench"), SchemeDocument.Of(version), DateTimeOffset.UtcNow, default);
        await app.Services.GetRequiredService<Tenants>().Create(new Tenant("bench", "Mutuelle bench"), default);
        var reference = app.Services.GetRequiredService<ReferenceData>();
        await reference.SaveProvider(new ProviderSeed("hc-bench", "Centre de santé bench", "health-centre", "bench",
            new Locality("Dakar", "Pikine", "Thiaroye"), "BENCH-1"), default);
        await reference.SaveIcd10(seeds.Icd10(), default);
        var users = app.Services.GetRequiredService<StaffUsers>();
        await users.Create("bench", "officer@bench", "Officer", StaffClients.Password, ["enrolment-officer"], "en", default);
        await users.Create("bench", "manager@bench", "Manager", StaffClients.Password, ["manager"], "en", default);
        await users.Create("bench", "cashier@bench", "Cashier", StaffClients.Password, ["cashier"], "en", default);
        await users.Create("bench", "claims@bench", "Claims officer", StaffClients.Password, ["claims-officer"], "en", default);
    }

    /// <summary>A one-person household, affiliated and paid for the year: covered today.</summary>
    public static async Task<string> Covered(HttpClient officer, HttpClient manager, HttpClient cashier, string key)
    {
        var registered = await (await officer.PostAsJsonAsync("/api/members", new
        {
            member = new { fullName = $"Awa Patient {key}", sex = "F", birthDate = "1980-01-01", subsidyCategory = "standard" },
            locality = new { region = "Dakar", district = "Pikine", commune = "Thiaroye" },
            occupationCategory = "trade",
            confirmedNotDuplicate = true,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var household = registered.GetProperty("householdId").GetGuid();
        var affiliation = (await (await officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            new { channel = "individual", paymentPlan = "annual" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("affiliationId").GetGuid();
        (await manager.PostAsync($"/api/affiliations/{affiliation}/approval", null)).EnsureSuccessStatusCode();
        (await cashier.PostAsJsonAsync($"/api/affiliations/{affiliation}/payments", new { receipt = $"C-{key}", amount = 3500, method = "cash" }))
            .EnsureSuccessStatusCode();
        return registered.GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString()!;
    }

}
