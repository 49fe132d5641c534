using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Contributions;

public sealed class RecordPaymentTests(TestCluster cluster) : ContributionsTest(cluster)
{
    [Fact]
    public async Task K_4_E_6_a_payment_pays_the_oldest_instalment_first_and_activates_on_the_first_instalment()
    {
        var a = await Affiliate("quarterly");

        var paid = await Pay(Cashier, a.Affiliation, "R-0001", 1000);

        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        var body = await Json(paid);
        Assert.Equal("active", body.GetProperty("affiliationStatus").GetString());
        var statement = await Statement(a.Affiliation);
        // 3500 to pay in four quarters of 875 (K-3); 1000 pays the first and 125 of the second.
        Assert.Equal([875, 125, 0, 0], Paid(statement));
        Assert.Equal(Today.AddMonths(3).ToString("yyyy-MM-dd"), statement.GetProperty("instalments")[1].GetProperty("dueOn").GetString());
        Assert.Equal(7000, statement.GetProperty("totalDue").GetInt64());
        Assert.Equal("waiting", await Eligibility(a.Number, Today));
    }

    [Fact]
    public async Task K_4_an_excess_is_credit_carried_forward_never_lost()
    {
        var a = await Affiliate("annual");
        var body = await Json(await Pay(Cashier, a.Affiliation, "R-0002", 5000));
        Assert.Equal(1500, body.GetProperty("credit").GetInt64());
        var statement = await Statement(a.Affiliation);
        Assert.Equal([3500], Paid(statement));
        Assert.Equal(1500, statement.GetProperty("credit").GetInt64());
    }

    [Fact]
    public async Task K_4_a_receipt_number_is_used_once_in_the_tenant()
    {
        var (first, second) = (await Affiliate("annual", name: "Awa Ndiaye"), await Affiliate("annual", name: "Fatou Sarr"));
        Assert.Equal(HttpStatusCode.Created, (await Pay(Cashier, first.Affiliation, "R-0003", 1000)).StatusCode);

        var again = await Pay(Cashier, first.Affiliation, "R-0003", 1000);
        var elsewhere = await Pay(Cashier, second.Affiliation, "R-0003", 1000);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the same payment again is already done
        Assert.Equal(HttpStatusCode.Conflict, elsewhere.StatusCode);
        var problem = await Json(elsewhere);
        Assert.Equal("K-4", problem.GetProperty("rule").GetString());
        Assert.Equal("RECEIPT_DUPLICATE", problem.GetProperty("code").GetString());
        Assert.Equal(1, await Scalar("select count(*) from contribution_receipts where receipt = 'R-0003'"));
    }

    [Fact]
    public async Task K_4_bad_input_is_a_400_naming_each_field_and_its_rule_and_nothing_is_written()
    {
        var a = await Affiliate("annual");
        var response = await Cashier.PostAsJsonAsync($"/api/affiliations/{a.Affiliation}/payments",
            new { receipt = " ", amount = -5, method = "cheque", paidOn = Today.AddDays(1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.StartsWith("K-4", errors.GetProperty("receipt")[0].GetString());
        Assert.StartsWith("K-4 AMOUNT_NOT_POSITIVE", errors.GetProperty("amount")[0].GetString());
        Assert.StartsWith("K-4 METHOD_UNKNOWN", errors.GetProperty("method")[0].GetString());
        Assert.StartsWith("K-4", errors.GetProperty("paidOn")[0].GetString());
        Assert.Equal(0, await Scalar("select count(*) from events where event_type like 'contribution%'"));
    }

    [Fact]
    public async Task An_unknown_affiliation_is_404_and_the_idempotency_key_replays_the_answer()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Pay(Cashier, Guid.NewGuid(), "R-0004", 1000)).StatusCode);

        var a = await Affiliate("annual");
        var request = () => new HttpRequestMessage(HttpMethod.Post, $"/api/affiliations/{a.Affiliation}/payments")
        {
            Content = JsonContent.Create(new { receipt = "R-0005", amount = 3500, method = "mobile-money" }),
            Headers = { { "Idempotency-Key", "pay-R-0005" } },
        };
        var first = await Cashier.SendAsync(request());
        var replay = await Cashier.SendAsync(request());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task K_4_a_payment_dated_before_its_affiliation_was_requested_or_in_the_future_is_refused_and_nothing_is_written()
    {
        var a = await Affiliate("annual");

        // 200 days before the household existed: it would have activated a coverage year that began before anyone was registered.
        var early = await Pay(Cashier, a.Affiliation, "R-0006", 3500, paidOn: Today.AddDays(-200));
        var ahead = await Pay(Cashier, a.Affiliation, "R-0007", 3500, paidOn: Today.AddDays(1));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (early.StatusCode, ahead.StatusCode));
        Assert.StartsWith("K-4 PAID_BEFORE_AFFILIATION", (await Json(early)).GetProperty("errors").GetProperty("paidOn")[0].GetString());
        Assert.StartsWith("K-4 PAID_IN_FUTURE", (await Json(ahead)).GetProperty("errors").GetProperty("paidOn")[0].GetString());
        Assert.Equal(0, await Scalar("select count(*) from events where event_type like 'contribution%' or event_type = 'affiliation-activated'"));
        Assert.Equal(HttpStatusCode.Created, (await Pay(Cashier, a.Affiliation, "R-0006", 3500, paidOn: Today)).StatusCode);
    }
}
