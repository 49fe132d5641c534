using System.Net;
using System.Text;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Contributions;

public sealed class BulkPaymentTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private static readonly Guid Agreement = Guid.Parse("9a000000-0000-4000-8000-000000000001");

    private Task<HttpResponseMessage> Transfer(string reference, long amount, string csv) =>
        Cashier.PostAsync($"/api/group-agreements/{Agreement}/payments?reference={reference}&amount={amount}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task K_4_one_transfer_is_allocated_across_the_members_of_a_group_agreement()
    {
        var (awa, fatou) = (await Affiliate("annual", agreement: Agreement, name: "Awa Faye"), await Affiliate("annual", agreement: Agreement, name: "Fatou Ba"));

        var response = await Transfer("COOP-2026-11", 8000, $"beneficiary_number,amount\n{awa.Number},3500\n{fatou.Number},4500\n");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var awaStatement = await Statement(awa.Affiliation);
        Assert.Equal([3500], Paid(awaStatement));
        var fatouStatement = await Statement(fatou.Affiliation);
        Assert.Equal(1000, fatouStatement.GetProperty("credit").GetInt64());
        Assert.Equal("collector-transfer", fatouStatement.GetProperty("payments")[0].GetProperty("method").GetString());
        Assert.Equal($"COOP-2026-11/{fatou.Number}", fatouStatement.GetProperty("payments")[0].GetProperty("receipt").GetString());

        var again = await Transfer("COOP-2026-11", 8000, $"beneficiary_number,amount\n{awa.Number},3500\n{fatou.Number},4500\n");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // a re-upload is already done
        Assert.Equal(2, await Scalar("select count(*) from contribution_receipts"));
    }

    [Fact]
    public async Task K_4_a_bad_row_refuses_the_whole_file_naming_each_row_and_nothing_is_written()
    {
        var awa = await Affiliate("annual", agreement: Agreement, name: "Awa Faye");
        var individual = await Affiliate("annual", name: "Fatou Ba");

        var response = await Transfer("COOP-2026-12", 7000, $"beneficiary_number,amount\n{awa.Number},3500\n{individual.Number},3500\n");
        var mismatch = await Transfer("COOP-2026-13", 9999, $"beneficiary_number,amount\n{awa.Number},3500\n");
        var malformed = await Transfer("COOP-2026-14", 3500, $"beneficiary_number,amount\n12345,abc\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("E-5 NOT_IN_AGREEMENT", (await Json(response)).GetProperty("errors").GetProperty("rows[2].beneficiary_number")[0].GetString());
        Assert.StartsWith("K-4 TRANSFER_MISMATCH", (await Json(mismatch)).GetProperty("errors").GetProperty("amount")[0].GetString());
        var errors = (await Json(malformed)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("rows[1].beneficiary_number", out _) && errors.TryGetProperty("rows[1].amount", out _));
        Assert.Equal(0, await Scalar("select count(*) from events where event_type like 'contribution%'"));
    }

    [Fact]
    public async Task K_4_a_transfer_dated_before_a_members_affiliation_was_requested_refuses_the_file_naming_the_row()
    {
        var early = await Affiliate("annual", agreement: Agreement, name: "Awa Faye", requestedOn: Today.AddDays(-30));
        var late = await Affiliate("annual", agreement: Agreement, name: "Fatou Ba");
        var csv = $"beneficiary_number,amount\n{early.Number},3500\n{late.Number},3500\n";

        var response = await Cashier.PostAsync($"/api/group-agreements/{Agreement}/payments?reference=COOP-2026-15&amount=7000&paidOn={Today.AddDays(-7):yyyy-MM-dd}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));
        var ahead = await Cashier.PostAsync($"/api/group-agreements/{Agreement}/payments?reference=COOP-2026-16&amount=7000&paidOn={Today.AddDays(1):yyyy-MM-dd}",
            new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (response.StatusCode, ahead.StatusCode));
        Assert.StartsWith("K-4 PAID_BEFORE_AFFILIATION", (await Json(response)).GetProperty("errors").GetProperty("rows[2].paidOn")[0].GetString());
        Assert.StartsWith("K-4 PAID_IN_FUTURE", (await Json(ahead)).GetProperty("errors").GetProperty("paidOn")[0].GetString());
        Assert.Equal(0, await Scalar("select count(*) from events where event_type like 'contribution%'"));
    }
}
