using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Enrolment;

/// <summary>
/// E-1, E-3: a birth that cannot be true (tomorrow, more than 120 years ago), a sex other than F or M,
/// a child born before the member without staff's confirmation: 400 naming the field, nothing written.
/// </summary>
public sealed class ImpossibleInputTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private HttpClient officer = null!;

    private long written;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies");
        written = await Scalar("select count(*) from events"); // the scheme's publication
        officer = await SignedIn("enrolment-officer@thies");
    }

    private static object Someone(string name, string sex = "F", string? birthDate = "1985-04-12", int? birthYear = null, string? relationship = null) =>
        new { fullName = name, sex, birthDate, birthYear, subsidyCategory = "standard", relationship };

    private Task<long> Events() => Scalar("select count(*) from events");

    private static async Task<string> Refused(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), body);
        return reasons[0].GetString()!;
    }

    [Fact]
    public async Task E_1_a_birth_in_the_future_or_more_than_120_years_ago_is_refused_at_registration_and_nothing_is_written()
    {
        var before = await Events();

        var tomorrow = await Register(officer, Household(Someone("Awa Future", birthDate: $"{Today.AddDays(1):yyyy-MM-dd}")));
        var ancient = await Register(officer, Household(Someone("Awa Diouf"),
            [Someone("Moussa Ancient", "M", $"{Today.AddYears(-120).AddDays(-1):yyyy-MM-dd}", relationship: "spouse")]));
        var nextYear = await Register(officer, Household(Someone("Awa Year", birthDate: null, birthYear: Today.Year + 1)));

        Assert.StartsWith("E-1 BIRTH_DATE_INVALID", await Refused(tomorrow, "member.birthDate"));
        Assert.StartsWith("E-1 BIRTH_DATE_INVALID", await Refused(ancient, "dependants[0].birthDate"));
        Assert.StartsWith("E-1 BIRTH_YEAR_INVALID", await Refused(nextYear, "member.birthYear"));
        Assert.Equal(before, await Events());
        // Today itself and exactly 120 years ago are possible births.
        Assert.Equal(HttpStatusCode.Created, (await Register(officer, Household(Someone("Awa Today", birthDate: $"{Today:yyyy-MM-dd}"),
            [Someone("Moussa Old", "M", $"{Today.AddYears(-120):yyyy-MM-dd}", relationship: "spouse")]))).StatusCode);
    }

    [Fact]
    public async Task E_1_a_dependant_or_a_correction_with_a_birth_in_the_future_is_refused_and_nothing_is_written()
    {
        var registered = await Json(await Register(officer, Household(Someone("Awa Ndour"))));
        var household = registered.GetProperty("householdId").GetGuid();
        var awa = registered.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid();
        var before = await Events();

        var born = await officer.PostAsJsonAsync($"/api/members/{household}/dependants",
            new { dependant = Someone("Ibou Ndour", "M", $"{Today.AddDays(3):yyyy-MM-dd}", relationship: "child") });
        var corrected = await officer.PostAsJsonAsync($"/api/members/{household}/people/{awa}/correction",
            new { reason = "card misread", birthDate = $"{Today.AddDays(1):yyyy-MM-dd}" });

        Assert.StartsWith("E-1 BIRTH_DATE_INVALID", await Refused(born, "dependant.birthDate"));
        Assert.StartsWith("E-1 BIRTH_DATE_INVALID", await Refused(corrected, "birthDate"));
        Assert.Equal(before, await Events());
    }

    [Fact]
    public async Task E_1_sex_is_F_or_M_and_anything_else_is_refused_in_the_api()
    {
        var lower = await Register(officer, Household(Someone("Awa Sarr", sex: "f")));
        var other = await Register(officer, Household(Someone("Awa Sarr"), [Someone("Ibou Sarr", sex: "X", birthDate: "2015-01-01", relationship: "child")]));

        Assert.StartsWith("E-1 SEX_INVALID", await Refused(lower, "member.sex"));
        Assert.StartsWith("E-1 SEX_INVALID", await Refused(other, "dependants[0].sex"));
        Assert.Equal(written, await Events());
    }

    [Fact]
    public async Task E_3_a_child_born_before_the_member_is_refused_until_staff_confirm_it()
    {
        // A member of 18 whose "child" is a month older: most often a slip of the pen, sometimes a step-child.
        object Young() => Someone("Fatou Gaye", birthDate: $"{Today.AddYears(-18):yyyy-MM-dd}");
        object Older(string name) => Someone(name, "M", $"{Today.AddYears(-18).AddMonths(-1):yyyy-MM-dd}", relationship: "child");

        var refused = await Register(officer, Household(Young(), [Older("Modou Gaye")]));
        Assert.StartsWith("E-3 CHILD_OLDER_THAN_MEMBER", await Refused(refused, "dependants[0].birthDate"));
        Assert.Equal(written, await Events());

        var confirmed = await officer.PostAsJsonAsync("/api/members", new
        {
            member = Young(), locality = new { region = "Thiès", district = "Mbour", commune = "Joal-Fadiouth" }, occupationCategory = "fishing",
            dependants = new[] { Older("Modou Gaye") }, confirmedChildOlderThanMember = true,
        });
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        var registered = await Json(confirmed);
        var (household, fatou) = (registered.GetProperty("householdId").GetGuid(), registered.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid());

        var before = await Events();
        var added = await officer.PostAsJsonAsync($"/api/members/{household}/dependants", new { dependant = Older("Ali Gaye") });
        Assert.StartsWith("E-3 CHILD_OLDER_THAN_MEMBER", await Refused(added, "dependant.birthDate"));
        Assert.Equal(before, await Events());
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/members/{household}/dependants",
            new { dependant = Older("Ali Gaye"), confirmedChildOlderThanMember = true })).StatusCode);

        // A correction that makes the member younger still asks; her phone does not.
        before = await Events();
        var younger = await officer.PostAsJsonAsync($"/api/members/{household}/people/{fatou}/correction",
            new { reason = "card shown", birthDate = $"{Today.AddYears(-17):yyyy-MM-dd}" });
        Assert.StartsWith("E-3 CHILD_OLDER_THAN_MEMBER", await Refused(younger, "birthDate"));
        Assert.Equal(before, await Events());
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/members/{household}/people/{fatou}/correction",
            new { reason = "new number", phone = "+221 77 000 11 22" })).StatusCode);
    }
}
