using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Enrolment;

namespace MutualAdmin.Web.Tests.Audit;

/// <summary>A-1, A-2: who changed a record, and the record as it was at any version or instant.</summary>
public sealed class RecordHistoryTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    [Fact]
    public async Task A_2_history_names_who_did_what_and_why_and_time_travel_shows_the_record_as_it_was()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var auditor = await SignedIn("auditor@thies");
        var registered = await Json(await Register(officer, Household(Person("Awa Dip", "SN-AUD-1"))));
        var household = registered.GetProperty("householdId").GetGuid();
        var awa = registered.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid();
        var afterRegistration = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        (await officer.PostAsJsonAsync($"/api/members/{household}/people/{awa}/correction", new { reason = "misspelt", fullName = "Awa Diop" }))
            .EnsureSuccessStatusCode();

        var history = (await Json(await auditor.GetAsync($"/api/audit/members/{household}/history"))).EnumerateArray().ToList();
        Assert.Equal(["member-registered", "person-details-corrected"], history.Select(h => h.GetProperty("type").GetString()));
        var correction = history[1];
        Assert.Equal(("correct-person-details", "misspelt", "enrolment-officer"), (correction.GetProperty("command").GetString(),
            correction.GetProperty("reason").GetString(), correction.GetProperty("role").GetString()));
        Assert.False(string.IsNullOrEmpty(correction.GetProperty("userId").GetString()));
        Assert.Equal(2, correction.GetProperty("version").GetInt64());

        Assert.Equal("Awa Dip", Name(await Json(await auditor.GetAsync($"/api/audit/members/{household}?version=1"))));
        Assert.Equal("Awa Dip", Name(await Json(await auditor.GetAsync($"/api/audit/members/{household}?asOf={Uri.EscapeDataString(afterRegistration.ToString("O"))}"))));
        Assert.Equal("Awa Diop", Name(await Json(await auditor.GetAsync($"/api/audit/members/{household}"))));

        var changes = (await Json(await auditor.GetAsync($"/api/audit/members/{household}/changes?from=1&to=2"))).GetProperty("differences");
        var name = changes.EnumerateArray().Single(c => c.GetProperty("path").GetString() == "people[0].personal.fullName");
        Assert.Equal(("Awa Dip", "Awa Diop"), (name.GetProperty("before").GetString(), name.GetProperty("after").GetString()));
    }

    [Fact]
    public async Task Unknown_records_are_404_and_bad_parameters_name_the_field()
    {
        await Mutual("thies");
        var auditor = await SignedIn("auditor@thies");
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/api/audit/members/{Guid.NewGuid()}/history")).StatusCode);
        foreach (var (path, field) in new[]
        {
            ($"/api/audit/spaceships/{Guid.NewGuid()}", "kind"),
            ($"/api/audit/members/{Guid.NewGuid()}?version=0", "version"),
            ($"/api/audit/members/{Guid.NewGuid()}/changes?from=3&to=1", "to"),
        })
        {
            var response = await auditor.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(field, out _), path);
        }
    }

    private static string? Name(JsonElement asOf) =>
        asOf.GetProperty("state").GetProperty("people")[0].GetProperty("personal").GetProperty("fullName").GetString();
}
