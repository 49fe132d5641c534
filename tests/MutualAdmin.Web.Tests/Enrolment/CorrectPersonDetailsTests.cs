using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Enrolment;

/// <summary>E-1 with A-1: corrections of a person's details through the staff API.</summary>
public sealed class CorrectPersonDetailsTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    [Fact]
    public async Task E_1_a_correction_changes_what_staff_read_and_search_and_keeps_the_reason_and_the_first_record()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var (household, awa) = await RegisterOne(officer, Person("Awa Dip", "SN-10", phone: "+221 77 000 00 10"));

        var response = await Correct(officer, household, awa, new { reason = "misspelt at the counter", fullName = "Awa Diop", birthDate = "1984-04-12" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var person = (await Json(await officer.GetAsync($"/api/members/{household}"))).GetProperty("beneficiaries")[0];
        Assert.Equal(("Awa Diop", "1984-04-12", 1984, "+221 77 000 00 10"), (person.GetProperty("fullName").GetString(),
            person.GetProperty("birthDate").GetString(), person.GetProperty("birthYear").GetInt32(), person.GetProperty("phone").GetString()));

        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        Assert.Equal(["Awa Diop"], await Names(officer, "name=diop"));
        Assert.Empty(await Names(officer, "name=dip"));

        // The registration keeps what was first typed; the correction says who, why and with what command.
        Assert.Equal(1, await Scalar("select count(*) from events where event_type = 'member-registered'"));
        Assert.Equal(1, await Scalar("""
            select count(*) from events where event_type = 'person-details-corrected'
               and metadata ->> 'reason' = 'misspelt at the counter' and metadata ->> 'command' = 'correct-person-details'
            """));
        // Personal data stays sealed in the correction too: the new name is not in the log in clear.
        Assert.Equal(0, await Scalar("select count(*) from events where data::text like '%Awa Diop%'"));
    }

    [Fact]
    public async Task E_4_a_national_id_held_in_another_mutual_is_refused_and_nothing_is_written()
    {
        await Mutual("thies");
        await Mutual("kaolack");
        await Register(await SignedIn("enrolment-officer@kaolack"), Household(Person("Fatou Sow", "SN-77")));
        var officer = await SignedIn("enrolment-officer@thies");
        var (household, awa) = await RegisterOne(officer, Person("Awa Diop", "SN-11"));

        var refused = await Correct(officer, household, awa, new { reason = "card re-read", nationalId = "SN-77" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await Json(refused);
        Assert.Equal("NATIONAL_ID_ALREADY_REGISTERED", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("kaolack", problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await Scalar("select count(*) from events where event_type = 'person-details-corrected'"));
        Assert.Equal(2, await Scalar("select count(*) from national_ids"));
    }

    [Fact]
    public async Task E_4_a_corrected_national_id_releases_the_old_one_and_takes_the_new()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var (household, awa) = await RegisterOne(officer, Person("Awa Diop", "SN-12"));

        Assert.Equal(HttpStatusCode.NoContent, (await Correct(officer, household, awa, new { reason = "digits swapped", nationalId = "SN-21" })).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await Register(officer, Household(Person("Binta Ba", "SN-12")))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Register(officer, Household(Person("Coumba Fall", "SN-21")))).StatusCode);
    }

    [Fact]
    public async Task E_4_two_people_corrected_to_one_national_id_at_once_have_exactly_one_winner()
    {
        await Mutual("thies");
        await Mutual("kaolack");
        var thies = await SignedIn("enrolment-officer@thies");
        var kaolack = await SignedIn("enrolment-officer@kaolack");
        var one = await RegisterOne(thies, Person("Awa Diop", "SN-31"));
        var two = await RegisterOne(kaolack, Person("Fatou Sow", "SN-32"));

        var responses = await Task.WhenAll(
            Correct(thies, one.Household, one.Person, new { reason = "card re-read", nationalId = "SN-RACE" }),
            Correct(kaolack, two.Household, two.Person, new { reason = "card re-read", nationalId = "SN-RACE" }));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await Scalar("select count(*) from events where event_type = 'person-details-corrected'"));
        Assert.Equal(2, await Scalar("select count(*) from national_ids"));
    }

    [Fact]
    public async Task Bad_corrections_are_problems_naming_the_field_and_write_nothing()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var (household, awa) = await RegisterOne(officer, Person("Awa Diop"));

        var noReason = await Correct(officer, household, awa, new { reason = "", fullName = "Awa Ba" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await Json(noReason)).GetProperty("errors").TryGetProperty("reason", out _));

        var badSex = await Correct(officer, household, awa, new { reason = "typo", sex = "X" });
        Assert.Equal(HttpStatusCode.BadRequest, badSex.StatusCode);
        Assert.True((await Json(badSex)).GetProperty("errors").TryGetProperty("sex", out _));

        var unknown = await Correct(officer, household, Guid.NewGuid(), new { reason = "typo", fullName = "Awa Ba" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await Scalar("select count(*) from events where event_type = 'person-details-corrected'"));
    }

    [Fact]
    public async Task E_1_the_same_details_again_write_nothing()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var (household, awa) = await RegisterOne(officer, Person("Awa Diop", "SN-40"));

        Assert.Equal(HttpStatusCode.NoContent, (await Correct(officer, household, awa, new { reason = "checked", fullName = "Awa Diop", nationalId = "SN-40" })).StatusCode);
        Assert.Equal(0, await Scalar("select count(*) from events where event_type = 'person-details-corrected'"));
    }

    private async Task<(Guid Household, Guid Person)> RegisterOne(HttpClient officer, object member)
    {
        var response = await Register(officer, Household(member));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await Json(response);
        return (body.GetProperty("householdId").GetGuid(), body.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid());
    }

    private static Task<HttpResponseMessage> Correct(HttpClient client, Guid household, Guid person, object body) =>
        client.PostAsJsonAsync($"/api/members/{household}/people/{person}/correction", body);

    private static async Task<List<string>> Names(HttpClient client, string query) =>
        [.. (await Json(await client.GetAsync($"/api/members?{query}"))).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()!)];
}
