using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Schemes;

namespace MutualAdmin.Web.Tests.Enrolment;

public sealed class AffiliationTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<(HttpClient Officer, Guid Household, string Number)> IndigentHousehold(string tenant = "thies")
    {
        await Mutual(tenant);
        var officer = await SignedIn($"enrolment-officer@{tenant}");
        var registered = await Json(await Register(officer, Household(Person("Awa Diop", subsidy: "indigent", registry: "RNU-77"),
            [Person("Moussa Diop", birthDate: "2015-06-01", relationship: "child", subsidy: "indigent", registry: "RNU-78")])));
        return (officer, registered.GetProperty("householdId").GetGuid(),
            registered.GetProperty("beneficiaries")[1].GetProperty("beneficiaryNumber").GetString()!);
    }

    private static async Task<string> State(HttpClient client, string number, DateOnly date) =>
        (await Json(await client.GetAsync($"/api/eligibility?beneficiary={number}&date={date:yyyy-MM-dd}"))).GetProperty("state").GetString()!;

    [Fact]
    public async Task E_6_E_7_E_8_an_indigent_household_is_active_on_approval_and_the_index_dates_its_cover()
    {
        var (officer, household, number) = await IndigentHousehold();
        var requested = await officer.PostAsJsonAsync($"/api/members/{household}/affiliations", new { channel = "individual", paymentPlan = "annual" });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var affiliation = (await Json(requested)).GetProperty("affiliationId").GetGuid();
        Assert.Equal("not-affiliated", await State(officer, number, Today));

        var approved = await (await SignedIn("manager@thies")).PostAsync($"/api/affiliations/{affiliation}/approval", null);
        Assert.Equal("active", (await Json(approved)).GetProperty("status").GetString());

        var waiting = await Json(await officer.GetAsync($"/api/eligibility?beneficiary={number}&date={Today:yyyy-MM-dd}"));
        Assert.Equal("waiting", waiting.GetProperty("state").GetString());
        Assert.Equal("IN_WAITING_PERIOD", waiting.GetProperty("reason").GetString());
        Assert.Equal(Today.AddDays(90).ToString("yyyy-MM-dd"), waiting.GetProperty("coverFrom").GetString());
        Assert.Equal("covered", await State(officer, number, Today.AddDays(90)));
        Assert.Equal("covered", await State(officer, number, Today.AddMonths(12).AddDays(29)));   // E-8: grace period
        Assert.Equal("lapsed", await State(officer, number, Today.AddMonths(12).AddDays(30)));

        var member = await Json(await officer.GetAsync($"/api/members/{household}"));
        Assert.Equal("active", member.GetProperty("affiliations")[0].GetProperty("status").GetString());
        Assert.Equal("waiting", member.GetProperty("beneficiaries")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task S_2_an_affiliation_keeps_the_periods_of_the_version_in_force_when_it_was_requested()
    {
        // A version in force from yesterday: 60 days of waiting and 10 of grace.
        (await (await FundClient()).Publish(SchemeDocuments.Valid("CSU-BASE", Today.AddDays(-1).ToString("yyyy-MM-dd"))
            .With(s => { s["waitingPeriodDays"] = 60; s["gracePeriodDays"] = 10; }))).EnsureSuccessStatusCode();
        var (officer, household, number) = await IndigentHousehold();
        var affiliation = (await Json(await officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            new { channel = "individual", paymentPlan = "annual" }))).GetProperty("affiliationId").GetGuid();
        (await (await SignedIn("manager@thies")).PostAsync($"/api/affiliations/{affiliation}/approval", null)).EnsureSuccessStatusCode();

        // A later version (in force from tomorrow) changes nothing for it.
        (await (await FundClient()).Publish(SchemeDocuments.Valid("CSU-BASE", Today.AddDays(1).ToString("yyyy-MM-dd")))).EnsureSuccessStatusCode();

        Assert.Equal("waiting", await State(officer, number, Today.AddDays(59)));
        Assert.Equal("covered", await State(officer, number, Today.AddDays(60)));
        Assert.Equal("covered", await State(officer, number, Today.AddMonths(12).AddDays(9)));
        Assert.Equal("lapsed", await State(officer, number, Today.AddMonths(12).AddDays(10)));
    }

    [Fact]
    public async Task S_2_no_version_in_force_on_the_request_date_is_a_409_naming_the_scheme_and_writes_nothing()
    {
        var (officer, household, _) = await IndigentHousehold();
        var before = await Scalar("select count(*) from events where tenant_id = 'thies'");

        var requested = await officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            new { channel = "individual", paymentPlan = "annual", schemeCode = "CSU-NONE" });

        Assert.Equal(HttpStatusCode.Conflict, requested.StatusCode);
        var problem = await Json(requested);
        Assert.Equal(("S-2", "SCHEME_NOT_IN_FORCE"), (problem.GetProperty("rule").GetString(), problem.GetProperty("code").GetString()));
        Assert.True(problem.GetProperty("errors").TryGetProperty("schemeCode", out _));
        Assert.Equal(before, await Scalar("select count(*) from events where tenant_id = 'thies'"));
    }

    [Fact]
    public async Task E_6_approval_of_a_household_with_a_paying_member_waits_for_the_payment()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var registered = await Json(await Register(officer, Household(Person("Awa Diop"))));
        var household = registered.GetProperty("householdId").GetGuid();
        var affiliation = (await Json(await officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            new { channel = "individual", paymentPlan = "quarterly" }))).GetProperty("affiliationId").GetGuid();

        var approved = await (await SignedIn("manager@thies")).PostAsync($"/api/affiliations/{affiliation}/approval", null);

        Assert.Equal("pending", (await Json(approved)).GetProperty("status").GetString());
        Assert.Equal("not-affiliated", await State(officer, registered.GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString()!, Today.AddDays(100)));
    }

    [Fact]
    public async Task E_5_a_household_has_one_running_affiliation_and_a_group_one_names_its_agreement()
    {
        var (officer, household, _) = await IndigentHousehold();
        var group = await officer.PostAsJsonAsync($"/api/members/{household}/affiliations", new { channel = "group", paymentPlan = "annual" });
        Assert.Equal(HttpStatusCode.BadRequest, group.StatusCode);
        Assert.True((await Json(group)).GetProperty("errors").TryGetProperty("groupAgreementId", out _));

        await officer.PostAsJsonAsync($"/api/members/{household}/affiliations", new { channel = "individual", paymentPlan = "annual" });
        var second = await officer.PostAsJsonAsync($"/api/members/{household}/affiliations", new { channel = "individual", paymentPlan = "annual" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("E-5", (await Json(second)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task E_2_eligibility_of_a_bad_check_digit_or_another_mutuals_number_is_unknown()
    {
        var (_, _, number) = await IndigentHousehold("thies");
        await Mutual("kaolack");
        var other = await SignedIn("enrolment-officer@kaolack");

        var foreign = await other.GetAsync($"/api/eligibility?beneficiary={number}&date={Today:yyyy-MM-dd}");
        var mistyped = await other.GetAsync($"/api/eligibility?beneficiary={number[..^1]}{(number[^1] - '0' + 1) % 10}&date={Today:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, mistyped.StatusCode);
        Assert.EndsWith("beneficiary-unknown", (await Json(mistyped)).GetProperty("type").GetString());
    }
}
