using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Claims;

/// <summary>
/// Architecture decision 7: cover is a function of the date asked (K-6, E-8, C-3). No sweep runs in
/// these tests, so no `affiliation-suspended` or `affiliation-lapsed` event is ever recorded; what the
/// Fund, a claim, the member view and the reports answer comes from the dates alone.
/// </summary>
public sealed class CoverByDateTests(TestCluster cluster) : ClaimsTest(cluster)
{
    [Fact]
    public async Task K_6_an_instalment_past_due_and_grace_suspends_cover_without_any_recorded_event()
    {
        var a = await Affiliate("quarterly", name: "Fatou Ndiaye");
        (await Pay(Cashier, a.Affiliation, "R-Q1", 875)).EnsureSuccessStatusCode();
        var suspendedFrom = Today.AddMonths(3).AddDays(31); // second quarter due + grace 30, the next day
        Clock.Offset = TimeSpan.FromDays(suspendedFrom.DayNumber - Today.DayNumber + 77); // the second quarter 108 days overdue

        Assert.Equal(("covered", "suspended"), (await FundState(a.Number, suspendedFrom.AddDays(-1)), await FundState(a.Number, suspendedFrom)));
        Assert.Equal((true, false), (await InForce(a.Number, suspendedFrom.AddDays(-1)), await InForce(a.Number, suspendedFrom)));
        var claim = await Decided(await Submit(ClaimsOfficer, Claim("SUSP-1", a.Number, suspendedFrom, [Line("CONS-GEN", 1, 2000)])));
        Assert.Equal(("rejected", "SUSPENDED"), (claim.GetProperty("status").GetString(), claim.GetProperty("rejectionCode").GetString()));
        Assert.Equal("suspended", await MemberState(a.Household));
        Assert.Equal(0, await Scalar("select count(*) from events where event_type = 'affiliation-suspended'"));

        var register = await Json(await Manager.GetAsync($"/api/reports/affiliation-register/{suspendedFrom:yyyy-MM}"));
        Assert.Equal(1, register.GetProperty("stock").GetProperty("byState").GetProperty("suspended").GetInt32());
    }

    [Fact]
    public async Task K_6_the_day_before_the_suspension_the_beneficiary_is_covered_and_claims_are_paid()
    {
        var a = await Affiliate("quarterly", name: "Ousmane Ba");
        (await Pay(Cashier, a.Affiliation, "R-Q1", 875)).EnsureSuccessStatusCode();
        var lastCoveredDay = Today.AddMonths(3).AddDays(30);
        Clock.Offset = TimeSpan.FromDays(lastCoveredDay.DayNumber - Today.DayNumber);

        var claim = await Decided(await Submit(ClaimsOfficer, Claim("COV-1", a.Number, lastCoveredDay, [Line("CONS-GEN", 1, 2000)])));

        Assert.Equal(("approved", 1600L), (claim.GetProperty("status").GetString(), claim.GetProperty("benefit").GetInt64()));
        Assert.Equal("covered", await MemberState(a.Household));
    }

    [Fact]
    public async Task K_6_the_payment_that_clears_the_arrears_reinstates_from_its_own_day_with_no_cover_before()
    {
        var a = await Affiliate("quarterly", name: "Mariama Fall");
        (await Pay(Cashier, a.Affiliation, "R-Q1", 875)).EnsureSuccessStatusCode();
        var suspendedFrom = Today.AddMonths(3).AddDays(31);
        var paidOn = suspendedFrom.AddDays(10);
        Clock.Offset = TimeSpan.FromDays(paidOn.DayNumber - Today.DayNumber);

        (await Pay(Cashier, a.Affiliation, "R-Q2", 875, paidOn: paidOn)).EnsureSuccessStatusCode();

        Assert.Equal(("suspended", "covered"), (await FundState(a.Number, paidOn.AddDays(-1)), await FundState(a.Number, paidOn)));
        Assert.Equal("covered", await MemberState(a.Household));
        var late = await Decided(await Submit(ClaimsOfficer, Claim("REIN-1", a.Number, paidOn.AddDays(-1), [Line("CONS-GEN", 1, 2000)])));
        Assert.Equal("SUSPENDED", late.GetProperty("rejectionCode").GetString()); // no retroactive cover for the suspended days
    }

    [Fact]
    public async Task E_8_a_year_not_renewed_lapses_after_its_end_and_grace_without_any_recorded_event()
    {
        var a = await Affiliate("annual", name: "Cheikh Sow");
        (await Pay(Cashier, a.Affiliation, "R-Y1", 3500)).EnsureSuccessStatusCode();
        var lapsedFrom = Today.AddMonths(12).AddDays(-1).AddDays(31); // year end + grace 30, the next day
        Clock.Offset = TimeSpan.FromDays(lapsedFrom.DayNumber - Today.DayNumber + 5);

        Assert.Equal(("covered", "lapsed"), (await FundState(a.Number, lapsedFrom.AddDays(-1)), await FundState(a.Number, lapsedFrom)));
        var claim = await Decided(await Submit(ClaimsOfficer, Claim("LAPSE-1", a.Number, lapsedFrom, [Line("CONS-GEN", 1, 2000)])));
        Assert.Equal(("rejected", "NOT_COVERED"), (claim.GetProperty("status").GetString(), claim.GetProperty("rejectionCode").GetString()));
        Assert.Equal("lapsed", await MemberState(a.Household));
        Assert.Equal(0, await Scalar("select count(*) from events where event_type = 'affiliation-lapsed'"));
    }

    [Fact]
    public async Task K_1_K_6_a_dependant_added_later_and_not_paid_for_suspends_the_household_from_due_plus_grace_plus_one()
    {
        var a = await Affiliate("annual", name: "Astou Faye");
        (await Pay(Cashier, a.Affiliation, "R-Y1", 3500)).EnsureSuccessStatusCode();
        Clock.Offset = TimeSpan.FromDays(100);
        var addedOn = Clock.Today;
        var added = await Officer.PostAsJsonAsync($"/api/members/{a.Household}/dependants",
            new { dependant = Person("Astou Faye child", birthDate: "2016-02-02", relationship: "child"), confirmedNotDuplicate = true });
        Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        Clock.Offset = TimeSpan.FromDays(100 + 40);

        // K-1: the newcomer's prorated due falls due the day they are added; unpaid at due + grace, it suspends (K-6).
        Assert.Equal(("covered", "suspended"), (await FundState(a.Number, addedOn.AddDays(30)), await FundState(a.Number, addedOn.AddDays(31))));
        Assert.Equal("suspended", await MemberState(a.Household));
        Assert.Equal(0, await Scalar("select count(*) from events where event_type = 'affiliation-suspended'"));
    }

    private async Task<string> FundState(string number, DateOnly date) =>
        (await Json(await Fund.GetAsync($"/fund/v1/eligibility?beneficiary={number}&date={date:yyyy-MM-dd}"))).GetProperty("state").GetString()!;

    private async Task<bool> InForce(string number, DateOnly date)
    {
        var response = await Json(await Fund.PostAsJsonAsync("/fund/fhir/CoverageEligibilityRequest", new
        {
            resourceType = "CoverageEligibilityRequest", status = "active", purpose = new[] { "validation" },
            patient = new { identifier = new { system = "https://mutualadmin.org/fhir/beneficiary-number", value = number } },
            servicedDate = date.ToString("yyyy-MM-dd"),
        }));
        return response.GetProperty("insurance")[0].GetProperty("inforce").GetBoolean();
    }

    /// <summary>The member view answers for the host's today (the shifted clock).</summary>
    private async Task<string> MemberState(Guid household) =>
        (await Json(await Officer.GetAsync($"/api/members/{household}"))).GetProperty("beneficiaries")[0].GetProperty("state").GetString()!;
}
