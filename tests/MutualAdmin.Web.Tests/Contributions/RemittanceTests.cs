using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Testing;
using MutualAdmin.Web.Contributions.Remittances;

namespace MutualAdmin.Web.Tests.Contributions;

public sealed class RemittanceTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private static readonly DateOnly LastMonth = Today.AddDays(1 - Today.Day).AddMonths(-1);
    private static string Period => $"{LastMonth:yyyy-MM}";

    private Task<HttpResponseMessage> Prepare(string period) => Cashier.PostAsJsonAsync("/api/remittances", new { period });

    [Fact]
    public async Task K_8_the_statement_remits_last_months_collections_less_the_fee_and_claims_its_subsidies()
    {
        // Requested on the first of last month (K-4: no payment is dated before it), so its subsidies fell due then.
        var a = await Affiliate("annual", people: 2, requestedOn: LastMonth);
        await Pay(Cashier, a.Affiliation, "R-0301", 6000, paidOn: LastMonth.AddDays(2));
        await Pay(Cashier, a.Affiliation, "R-0302", 1005, paidOn: LastMonth.AddDays(5));
        await Pay(Cashier, a.Affiliation, "R-0303", 999, paidOn: Today);
        await Reverse(Cashier, "R-0302", "bounced transfer", LastMonth.AddDays(9));

        var prepared = await Prepare(Period);

        Assert.Equal(HttpStatusCode.Created, prepared.StatusCode);
        var statement = await Json(prepared);
        // 6000 + 1005 − 1005 = 6000 collected; fee 10% = 600; 5400 to remit; two subsidy shares of 3500 fell due last month.
        Assert.Equal((6000, 600, 5400, 7000), (statement.GetProperty("collected").GetInt64(), statement.GetProperty("fee").GetInt64(),
            statement.GetProperty("toRemit").GetInt64(), statement.GetProperty("subsidiesClaimed").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, (await Prepare(Period)).StatusCode); // the month's live statement, again

        var id = statement.GetProperty("remittanceId").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await Cashier.PostAsync($"/api/remittances/{id}/submission", null)).StatusCode);
        var submitted = await Json(await Manager.PostAsync($"/api/remittances/{id}/submission", null));
        Assert.Equal("submitted", submitted.GetProperty("state").GetString());
    }

    [Fact]
    public async Task K_7_an_indigent_households_subsidies_are_receivables_though_it_never_pays()
    {
        var registered = await Json(await Register(Officer, Household(Person("Ndeye Sow", subsidy: "indigent", registry: "RNU-501"),
            [Person("Modou Sow", birthDate: "2016-02-01", relationship: "child", subsidy: "indigent", registry: "RNU-502")])));
        var affiliation = (await Json(await Officer.PostAsJsonAsync($"/api/members/{registered.GetProperty("householdId").GetGuid()}/affiliations",
            new { channel = "individual", paymentPlan = "annual" }))).GetProperty("affiliationId").GetGuid();
        await Manager.PostAsync($"/api/affiliations/{affiliation}/approval", null); // E-6: active on approval

        Assert.Equal(1, await Service<Web.Contributions.Ageing.ArrearsSweep>().Run(Today, default));
        Assert.Equal(0, await Service<Web.Contributions.Ageing.ArrearsSweep>().Run(Today, default));

        // Two beneficiaries at 7000, all of it the State's (S-4 indigent 100%), due the day it was requested.
        Assert.Equal(14000, await Scalar($"select sum(amount) from subsidy_receivables where due_on = '{Today:yyyy-MM-dd}'"));
        var statement = await Statement(affiliation);
        Assert.Equal([0], Paid(statement));
    }

    [Fact]
    public async Task K_8_a_month_still_running_is_not_remitted_and_the_period_is_checked()
    {
        var running = await Prepare($"{Today:yyyy-MM}");
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Equal("K-8", (await Json(running)).GetProperty("rule").GetString());
        var bad = await Prepare("2026-13");
        Assert.StartsWith("K-8 PERIOD_INVALID", (await Json(bad)).GetProperty("errors").GetProperty("period")[0].GetString());
    }

    [Fact]
    public async Task K_8_K_7_the_fund_acknowledges_or_disputes_and_a_correction_supersedes_a_disputed_statement()
    {
        var a = await Affiliate("annual", requestedOn: LastMonth);
        await Pay(Cashier, a.Affiliation, "R-0311", 3500, paidOn: LastMonth.AddDays(3));
        var first = (await Json(await Prepare(Period))).GetProperty("remittanceId").GetGuid();
        await Manager.PostAsync($"/api/remittances/{first}/submission", null);
        var fund = EventMetadata.System("thies", "fund-dispute");

        var disputed = await FundAnswers.Disputed(Service<EventStore.EventStore>(), fund, first, new("amount differs"), Today, default);
        Assert.Equal(RemittanceState.Disputed, disputed!.State);

        var correction = await Json(await Prepare(Period));
        Assert.Equal(2, correction.GetProperty("number").GetInt32());
        var correctionId = correction.GetProperty("remittanceId").GetGuid();
        var month = await Json(await Cashier.GetAsync($"/api/remittances?period={Period}"));
        Assert.Equal(["superseded", "prepared"], month.EnumerateArray().Select(s => s.GetProperty("state").GetString()));

        await Manager.PostAsync($"/api/remittances/{correctionId}/submission", null);
        var acknowledgement = new FundAnswers.Acknowledgement(3150, "FND-42", Today);
        var acknowledged = await FundAnswers.Acknowledge(Service<EventStore.EventStore>(), fund, correctionId, acknowledgement, default);
        Assert.Equal(RemittanceState.Acknowledged, acknowledged!.State);
        Assert.Equal(3150, acknowledged.ToRemit);
        await FundAnswers.Acknowledge(Service<EventStore.EventStore>(), fund, correctionId, acknowledgement, default); // idempotent
        var settled = await Assert.ThrowsAsync<Domain.DomainError>(() =>
            FundAnswers.Disputed(Service<EventStore.EventStore>(), fund, correctionId, new("late"), Today, default));
        Assert.Equal("REMITTANCE_SETTLED", settled.Code);
    }
}
