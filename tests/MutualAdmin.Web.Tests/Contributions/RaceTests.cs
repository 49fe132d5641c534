using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Contributions;

/// <summary>
/// Real concurrency through the host: two requests released together, a few rounds each. The
/// receipt index's primary key and the account stream's version decide the winner; a loser retries
/// on what the winner wrote (ContributionStreams.Retrying), so the outcome is the one of some order.
/// </summary>
public sealed class RaceTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private const int Rounds = 5;

    [Fact]
    public async Task K_4_two_payments_with_one_receipt_number_exactly_one_wins_the_other_is_a_409()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (first, second) = (await Affiliate("annual", name: $"Awa Race {round}"), await Affiliate("annual", name: $"Binta Race {round}"));
            var other = await SignedIn("manager@thies");
            var sameAccount = await Task.WhenAll(Pay(Cashier, first.Affiliation, $"SAME-{round}", 1000), Pay(other, first.Affiliation, $"SAME-{round}", 2000));
            var twoAccounts = await Task.WhenAll(Pay(Cashier, first.Affiliation, $"TWO-{round}", 500), Pay(other, second.Affiliation, $"TWO-{round}", 500));

            foreach (var pair in new[] { sameAccount, twoAccounts })
            {
                Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], pair.Select(r => r.StatusCode).Order());
                Assert.Equal("RECEIPT_DUPLICATE", (await Json(pair.Single(r => r.StatusCode == HttpStatusCode.Conflict))).GetProperty("code").GetString());
            }
            Assert.Equal(1, await Scalar($"select count(*) from contribution_receipts where receipt = 'SAME-{round}'"));
            Assert.Equal(1, await Scalar($"select count(*) from events where event_type = 'contribution-paid' and data->>'receipt' = 'TWO-{round}'"));
        }
    }

    [Fact]
    public async Task K_4_two_cashiers_paying_the_same_instalment_never_allocate_it_twice_the_excess_is_credit()
    {
        var second = await SignedIn("manager@thies");
        for (var round = 0; round < Rounds; round++)
        {
            // A fresh affiliation: both also race to open the account and to activate the affiliation (E-6).
            var a = await Affiliate("annual", name: $"Coumba Race {round}");
            var paid = await Task.WhenAll(Pay(Cashier, a.Affiliation, $"C1-{round}", 3500), Pay(second, a.Affiliation, $"C2-{round}", 3500));

            Assert.All(paid, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            var statement = await Statement(a.Affiliation);
            Assert.Equal([3500], Paid(statement));
            Assert.Equal(3500, statement.GetProperty("credit").GetInt64());
            Assert.Equal(1, await Scalar($"select count(*) from events where event_type = 'affiliation-activated' and stream_id = 'affiliation-{a.Affiliation}'"));
        }
    }

    [Fact]
    public async Task K_5_a_payment_and_its_reversal_racing_end_in_one_consistent_account()
    {
        var manager = await SignedIn("manager@thies");
        for (var round = 0; round < Rounds; round++)
        {
            var a = await Affiliate("quarterly", name: $"Dieynaba Race {round}");
            await Pay(Cashier, a.Affiliation, $"P1-{round}", 875);

            // The reversal of the first payment and a second payment, together.
            var (reversal, payment) = (Reverse(manager, $"P1-{round}", "bounced transfer"), Pay(Cashier, a.Affiliation, $"P2-{round}", 1000));
            await Task.WhenAll(reversal, payment);

            Assert.Equal(HttpStatusCode.OK, (await reversal).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await payment).StatusCode);
            // Only the second payment counts, as in one order or the other: reversal first, it pays quarter 1
            // and 125 of quarter 2; payment first, it went to quarters 2 and 3 and the reversal re-opens quarter 1 (K-5).
            var statement = await Statement(a.Affiliation);
            Assert.Contains(string.Join(',', Paid(statement)), new[] { "875,125,0,0", "0,875,125,0" });
            Assert.Equal(0, statement.GetProperty("credit").GetInt64());
            Assert.Equal(1, await Scalar($"select count(*) from contribution_receipts where receipt = 'P1-{round}' and reversed_on is not null"));
        }
    }

    [Fact]
    public async Task K_5_a_payment_racing_its_own_reversal_is_either_reversed_or_unknown_never_half_done()
    {
        var manager = await SignedIn("manager@thies");
        for (var round = 0; round < Rounds; round++)
        {
            var a = await Affiliate("annual", name: $"Eva Race {round}");
            var (payment, reversal) = (Pay(Cashier, a.Affiliation, $"PR-{round}", 3500), Reverse(manager, $"PR-{round}", "entry error"));
            await Task.WhenAll(payment, reversal);

            Assert.Equal(HttpStatusCode.Created, (await payment).StatusCode);
            var reversed = (await reversal).StatusCode == HttpStatusCode.OK;
            Assert.True(reversed || (await reversal).StatusCode == HttpStatusCode.NotFound);
            var statement = await Statement(a.Affiliation);
            Assert.Equal(reversed ? [0] : [3500], Paid(statement));
            Assert.Equal(reversed ? 1 : 0, await Scalar($"select count(*) from contribution_receipts where receipt = 'PR-{round}' and reversed_on is not null"));
        }
    }

    [Fact]
    public async Task K_8_two_preparations_of_one_month_racing_make_one_statement()
    {
        var lastMonth = Today.AddDays(1 - Today.Day).AddMonths(-1);
        var a = await Affiliate("annual", name: "Fanta Race", requestedOn: lastMonth);
        await Pay(Cashier, a.Affiliation, "RM-1", 3500, paidOn: lastMonth);
        var prepared = await Task.WhenAll(Cashier.PostAsJsonAsync("/api/remittances", new { period = $"{lastMonth:yyyy-MM}" }),
            Manager.PostAsJsonAsync("/api/remittances", new { period = $"{lastMonth:yyyy-MM}" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], prepared.Select(r => r.StatusCode).Order());
        Assert.Equal(1, await Scalar("select count(*) from events where event_type = 'remittance-prepared'"));
    }
}
