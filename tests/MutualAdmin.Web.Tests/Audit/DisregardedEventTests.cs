using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;
using MutualAdmin.Web.Contributions;
using MutualAdmin.Web.Contributions.Ageing;
using MutualAdmin.Web.Contributions.Collections;
using MutualAdmin.Web.Contributions.Remittances;
using MutualAdmin.Web.Tests.Contributions;
using Npgsql;

namespace MutualAdmin.Web.Tests.Audit;

/// <summary>
/// Issue 22: a payment of 9223372036854775807 that older code let into the log. The folds name the
/// event instead of answering 500, and a manager's disregard brings the month's figures back without
/// rewriting the log: the chain still verifies.
/// </summary>
public sealed class DisregardedEventTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private static string Period => $"{Today:yyyy-MM}";

    [Fact]
    public async Task An_impossible_payment_in_the_log_is_named_by_its_position_and_disregarding_it_brings_the_reports_back()
    {
        var daemon = Service<ProjectionDaemon>();
        var a = await Affiliate("annual");
        Assert.Equal(HttpStatusCode.Created, (await Pay(Cashier, a.Affiliation, "R-1", 2000)).StatusCode);
        await daemon.WaitForCatchUp(TimeSpan.FromSeconds(30));
        // Older code let these through; each is written alone so each projection meets it in its own batch.
        var first = await WriteImpossiblePayment(a.Affiliation, "R-2");
        await daemon.WaitForCatchUp(TimeSpan.FromSeconds(30));
        var second = await WriteImpossiblePayment(a.Affiliation, "R-3");
        await daemon.WaitForCatchUp(TimeSpan.FromSeconds(30));

        // The account, both statements and the dashboard name the event instead of failing on a sum.
        await AssertNamesEvent(await Cashier.GetAsync($"/api/affiliations/{a.Affiliation}/account"), first);
        await AssertNamesEvent(await Manager.GetAsync($"/api/reports/contributions/{Period}"), first);
        await AssertNamesEvent(await Manager.GetAsync($"/api/reports/claims/{Period}"), first);
        await AssertNamesEvent(await Manager.GetAsync($"/api/dashboard?month={Period}"), first);
        // The arrears sweep passes the account by (logged) and goes on with the others, instead of stopping.
        Assert.Equal(0, await Service<ArrearsSweep>().Run(Today.AddDays(60), default));
        // The projection dead-lettered each one with its position, and went on.
        var letters = (await daemon.DeadLetters(new CollectionsByMonth().Name)).Where(l => l.Position == first || l.Position == second).ToList();
        Assert.Equal([first, second], letters.Select(l => l.Position).Order());
        Assert.All(letters, l => Assert.Contains($"event {l.Position} (contribution-paid", l.Error));

        // Only an impossible event can be disregarded, and only with a reason.
        var plausible = await Disregard(await PositionOf("R-1"), "entry error");
        Assert.Equal(HttpStatusCode.Conflict, plausible.StatusCode);
        Assert.Equal("EVENT_FOLDABLE", (await Json(plausible)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Disregard(first, " ")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await Disregard(first, "amount typed into the receipt field")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Disregard(first, "again")).StatusCode); // already done
        await AssertNamesEvent(await Manager.GetAsync($"/api/reports/contributions/{Period}"), second);
        Assert.Equal(HttpStatusCode.Created, (await Disregard(second, "amount typed into the receipt field")).StatusCode);

        var report = await Json(await Manager.GetAsync($"/api/reports/contributions/{Period}"));
        Assert.Equal(2000, report.GetProperty("collected").GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await Manager.GetAsync($"/api/reports/claims/{Period}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Manager.GetAsync($"/api/dashboard?month={Period}")).StatusCode);
        var account = await Statement(a.Affiliation);
        Assert.Equal(["R-1"], account.GetProperty("payments").EnumerateArray().Select(p => p.GetProperty("receipt").GetString()));
        // as of a position before the disregards, the report is what it was then: it still names the event.
        await AssertNamesEvent(await Manager.GetAsync($"/api/reports/contributions/{Period}?asOf={second}"), first);

        // The dead letters are retried: the projection now skips them, and the month sums what was really paid.
        foreach (var letter in letters) Assert.True(await daemon.Retry(letter));
        await daemon.WaitForCatchUp(TimeSpan.FromSeconds(30));
        var collections = await Json(await Cashier.GetAsync($"/api/collections?period={Period}"));
        Assert.Equal(2000, collections.GetProperty("memberCollected").GetInt64());
        // The receipt index forgot them: a statement of the month (K-8) adds up what was really paid.
        var month = await Service<MonthFigures>().Collections("thies", Today.AddDays(1 - Today.Day), default);
        Assert.Equal([("R-1", 2000L)], month.Select(c => (c.Receipt, c.Amount)));

        // The log was not rewritten: both payments and both disregards are in it, the chain verifies, and
        // every projection equals its replay from the log.
        var verification = await Service<Web.Audit.Verification>().Run("thies", null, default);
        Assert.True(verification.Passed, verification.Summary());
        Assert.Null(verification.Chain.FirstBreak);
        var listed = await Json(await Manager.GetAsync("/api/disregarded-events"));
        Assert.Equal([first, second], listed.EnumerateArray().Where(d => d.GetProperty("eventType").GetString() == "contribution-paid")
            .Select(d => d.GetProperty("position").GetInt64()));
    }

    [Fact]
    public async Task An_impossible_claim_in_the_log_is_named_and_once_disregarded_was_never_received()
    {
        var claimId = Guid.NewGuid();
        var submission = new ClaimSubmission(claimId, "hc-joal", "health-centre", "OLD-1", "SN0000000001", "outpatient", Today, null, null,
            "B54", [], null, [new ClaimLine("CONS-GEN", 1, long.MaxValue)], Today);
        await using (var session = Service<EventStore.EventStore>().OpenSession(new EventMetadata("thies", Guid.NewGuid().ToString(), "submit-claim")))
        {
            session.StartStream(new StreamId("thies", $"claim-{claimId}"), "claim", new ClaimSubmitted(submission, "CSU-BASE", 1));
            var position = (await session.SaveChanges())[0].Position;

            var claim = await Manager.GetAsync($"/api/claims/{claimId}");
            await AssertNamesEvent(claim, position, "claim-submitted");
            await AssertNamesEvent(await Manager.GetAsync($"/api/reports/claims/{Period}"), position, "claim-submitted");

            Assert.Equal(HttpStatusCode.Created, (await Disregard(position, "price typed with the patient's phone number")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Manager.GetAsync($"/api/claims/{claimId}")).StatusCode);
        var report = await Json(await Manager.GetAsync($"/api/reports/claims/{Period}"));
        Assert.Equal(0, report.GetProperty("received").GetProperty("claims").GetInt32());
        await using var register = Service<NpgsqlDataSource>().CreateCommand("select count(*) from claims_register where claim_id = $1");
        register.Parameters.Add(new() { Value = claimId });
        Assert.Equal(0L, await register.ExecuteScalarAsync());
    }

    private async Task<long> WriteImpossiblePayment(Guid affiliation, string receipt)
    {
        var accountId = ContributionStreams.AccountId("thies", affiliation);
        await using var session = Service<EventStore.EventStore>().OpenSession(new EventMetadata("thies", Guid.NewGuid().ToString(), "record-payment"));
        session.Append(ContributionStreams.Account("thies", accountId), ExpectedVersion.Any,
            [new ContributionPaid(accountId, receipt, long.MaxValue, Today, "cash", "member", [], long.MaxValue - 3500)]);
        return (await session.SaveChanges())[0].Position;
    }

    private async Task<long> PositionOf(string receipt)
    {
        await foreach (var e in Service<EventStore.EventStore>().ReaderFor("thies").ReadTypesUpTo(long.MaxValue, ["contribution-paid"]))
            if (e.Data is ContributionPaid p && p.Receipt == receipt) return e.Position;
        throw new InvalidOperationException($"no payment {receipt}");
    }

    private Task<HttpResponseMessage> Disregard(long position, string reason) =>
        Manager.PostAsJsonAsync("/api/disregarded-events", new { position, reason });

    private static async Task AssertNamesEvent(HttpResponseMessage response, long position, string type = "contribution-paid")
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{response.StatusCode}: {body}");
        var problem = await Json(response);
        Assert.Equal("https://mutualadmin.org/problems/impossible-event", problem.GetProperty("type").GetString());
        Assert.Equal(position, problem.GetProperty("position").GetInt64());
        Assert.Contains($"event {position} ({type}", problem.GetProperty("detail").GetString());
    }
}
