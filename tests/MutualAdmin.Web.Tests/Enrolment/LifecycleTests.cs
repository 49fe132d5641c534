using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Enrolment;

/// <summary>Starting state: an indigent household of a member and one child, affiliated and approved today.</summary>
public sealed class LifecycleTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private HttpClient officer = null!, manager = null!;
    private Guid household, affiliation, memberId, childId;
    private string memberNumber = "", childNumber = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies");
        officer = await SignedIn("enrolment-officer@thies");
        manager = await SignedIn("manager@thies");
        var registered = await Json(await Register(officer, Household(Person("Awa Diop", subsidy: "indigent", registry: "RNU-1"),
            [Person("Moussa Diop", birthDate: "2015-06-01", relationship: "child", subsidy: "indigent", registry: "RNU-2")])));
        household = registered.GetProperty("householdId").GetGuid();
        (memberId, memberNumber) = (registered.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid(), registered.GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString()!);
        (childId, childNumber) = (registered.GetProperty("beneficiaries")[1].GetProperty("personId").GetGuid(), registered.GetProperty("beneficiaries")[1].GetProperty("beneficiaryNumber").GetString()!);
        affiliation = (await Json(await officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            new { channel = "individual", paymentPlan = "annual" }))).GetProperty("affiliationId").GetGuid();
        await manager.PostAsync($"/api/affiliations/{affiliation}/approval", null);
    }

    private async Task<string> State(string number, DateOnly date) =>
        (await Json(await officer.GetAsync($"/api/eligibility?beneficiary={number}&date={date:yyyy-MM-dd}"))).GetProperty("state").GetString()!;

    [Fact]
    public async Task E_7_a_newborn_added_within_30_days_is_covered_from_birth()
    {
        var born = Today.AddDays(-10);
        var added = await officer.PostAsJsonAsync($"/api/members/{household}/dependants", new
        {
            dependant = Person("Bébé Diop", birthDate: born.ToString("yyyy-MM-dd"), relationship: "child", subsidy: "indigent", registry: "RNU-3"),
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var number = (await Json(added)).GetProperty("beneficiaryNumber").GetString()!;

        Assert.Equal("covered", await State(number, Today));
        Assert.Equal("waiting", await State(childNumber, Today));
    }

    [Fact]
    public async Task E_3_a_removed_dependant_is_no_longer_covered_and_the_member_cannot_be_removed()
    {
        var removed = await officer.PostAsJsonAsync($"/api/members/{household}/dependants/{childId}/removal", new { reason = "married", removedOn = Today.AddDays(100) });
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal("covered", await State(childNumber, Today.AddDays(99)));
        Assert.Equal("not-affiliated", await State(childNumber, Today.AddDays(100)));

        var member = await officer.PostAsJsonAsync($"/api/members/{household}/dependants/{memberId}/removal", new { reason = "left" });
        Assert.Equal(HttpStatusCode.Conflict, member.StatusCode);
        Assert.Equal("E-9", (await Json(member)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task E_9_the_member_dies_and_a_dependant_carries_the_household_on()
    {
        var died = await officer.PostAsJsonAsync($"/api/members/{household}/people/{memberId}/death", new { diedOn = Today.AddDays(120), newMemberId = childId });
        Assert.Equal(HttpStatusCode.NoContent, died.StatusCode);

        Assert.Equal("terminated", await State(memberNumber, Today.AddDays(120)));
        Assert.Equal("covered", await State(childNumber, Today.AddDays(120)));
        var view = await Json(await officer.GetAsync($"/api/members/{household}"));
        Assert.Equal(childId, view.GetProperty("memberId").GetGuid());
    }

    [Fact]
    public async Task E_9_termination_ends_cover_and_an_exclusion_for_fraud_needs_a_reason()
    {
        var fraud = await manager.PostAsJsonAsync($"/api/affiliations/{affiliation}/termination", new { cause = "fraud" });
        Assert.Equal(HttpStatusCode.BadRequest, fraud.StatusCode);
        Assert.True((await Json(fraud)).GetProperty("errors").TryGetProperty("reason", out _));

        var ended = await manager.PostAsJsonAsync($"/api/affiliations/{affiliation}/termination", new { cause = "request", terminatedOn = Today.AddDays(200) });
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal("covered", await State(memberNumber, Today.AddDays(199)));
        Assert.Equal("terminated", await State(memberNumber, Today.AddDays(200)));
    }

    [Fact]
    public async Task E_8_renewal_is_refused_before_its_window_opens()
    {
        var renewal = await officer.PostAsync($"/api/affiliations/{affiliation}/renewal", null);
        Assert.Equal(HttpStatusCode.Conflict, renewal.StatusCode);
        Assert.Equal("RENEWAL_NOT_OPEN", (await Json(renewal)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task E_8_the_sweep_records_a_lapse_once_after_the_year_and_its_grace()
    {
        var sweep = Service<MutualAdmin.Web.Enrolment.Lifecycle.CoverSweep>();
        Assert.Equal(0, await sweep.Run(Today.AddMonths(12).AddDays(29), default));

        Assert.Equal(1, await sweep.Run(Today.AddMonths(12).AddDays(30), default));
        Assert.Equal(0, await sweep.Run(Today.AddMonths(12).AddDays(31), default));

        var view = await Json(await officer.GetAsync($"/api/members/{household}"));
        Assert.Equal("lapsed", view.GetProperty("affiliations")[0].GetProperty("status").GetString());
        Assert.Equal(1, await Scalar("select count(*) from events where event_type = 'affiliation-lapsed'"));
        Assert.Equal("lapsed", await State(memberNumber, Today.AddMonths(12).AddDays(30)));
    }
}
