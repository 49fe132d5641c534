using System.Net;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Contributions;

public sealed class ReversePaymentTests(TestCluster cluster) : ContributionsTest(cluster)
{
    [Fact]
    public async Task K_5_a_reversal_reopens_exactly_what_the_payment_paid_and_keeps_the_receipt_used()
    {
        var a = await Affiliate("quarterly");
        await Pay(Cashier, a.Affiliation, "R-0101", 1000);
        await Pay(Cashier, a.Affiliation, "R-0102", 1000);

        var reversed = await Reverse(Cashier, "R-0102", "bounced transfer");

        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        var statement = await Statement(a.Affiliation);
        Assert.Equal([875, 125, 0, 0], Paid(statement));
        var payment = statement.GetProperty("payments")[1];
        Assert.Equal(Today.ToString("yyyy-MM-dd"), payment.GetProperty("reversedOn").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Pay(Cashier, a.Affiliation, "R-0102", 500)).StatusCode);
        var events = await Scalar("select count(*) from events where event_type = 'contribution-reversed'");
        Assert.Equal(HttpStatusCode.OK, (await Reverse(Cashier, "R-0102", "bounced transfer")).StatusCode); // already done
        Assert.Equal(events, await Scalar("select count(*) from events where event_type = 'contribution-reversed'"));
    }

    [Fact]
    public async Task K_5_a_reversal_states_its_reason_and_names_a_known_receipt()
    {
        var a = await Affiliate("annual");
        await Pay(Cashier, a.Affiliation, "R-0103", 1000);

        var noReason = await Reverse(Cashier, "R-0103", " ");
        var unknown = await Reverse(Cashier, "R-9999", "entry error");

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.StartsWith("K-5 REASON_REQUIRED", (await Json(noReason)).GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await Scalar("select count(*) from events where event_type = 'contribution-reversed'"));
    }

    [Fact]
    public async Task K_5_the_reversal_is_recorded_with_its_reason_and_who_did_it()
    {
        var a = await Affiliate("annual");
        await Pay(Cashier, a.Affiliation, "R-0104", 1000);
        await Reverse(Cashier, "R-0104", "entry error");
        Assert.Equal(1, await Scalar("""
            select count(*) from events where event_type = 'contribution-reversed'
               and data->>'reason' = 'entry error' and metadata->>'reason' = 'entry error' and metadata->>'role' = 'cashier'
            """));
    }

    [Fact]
    public async Task K_5_a_reversal_dated_before_its_payment_or_in_the_future_is_refused_and_nothing_is_written()
    {
        var a = await Affiliate("annual", requestedOn: Today.AddDays(-10));
        await Pay(Cashier, a.Affiliation, "R-0104", 1000, paidOn: Today.AddDays(-5));

        var before = await Reverse(Cashier, "R-0104", "entry error", Today.AddDays(-6));
        var ahead = await Reverse(Cashier, "R-0104", "entry error", Today.AddDays(1));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (before.StatusCode, ahead.StatusCode));
        Assert.StartsWith("K-5 REVERSED_BEFORE_PAYMENT", (await Json(before)).GetProperty("errors").GetProperty("reversedOn")[0].GetString());
        Assert.StartsWith("K-5 REVERSED_IN_FUTURE", (await Json(ahead)).GetProperty("errors").GetProperty("reversedOn")[0].GetString());
        Assert.Equal(0, await Scalar("select count(*) from events where event_type = 'contribution-reversed'"));
        Assert.Equal(HttpStatusCode.OK, (await Reverse(Cashier, "R-0104", "entry error", Today.AddDays(-5))).StatusCode);
    }
}
