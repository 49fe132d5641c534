using System.Net;
using System.Text;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Contributions;

/// <summary>Issue 22: a payment is a whole number of minor units from 1 to 100,000,000, sent as a JSON number.</summary>
public sealed class PaymentAmountRangeTests(TestCluster cluster) : ContributionsTest(cluster)
{
    [Theory]
    [InlineData("9223372036854775807")] // the payment that broke a month's reports for ever
    [InlineData("9223372036854775808")] // beyond a 64-bit integer
    [InlineData("100000001")]
    [InlineData("\"1000\"")] // a number given as a string
    [InlineData("1e3")]
    [InlineData("1000.5")]
    [InlineData("0")]
    public async Task K_4_an_amount_out_of_range_or_not_a_whole_json_number_is_a_400_naming_amount_and_nothing_is_written(string amount)
    {
        var a = await Affiliate("annual");

        var response = await Cashier.PostAsync($"/api/affiliations/{a.Affiliation}/payments",
            new StringContent($$"""{"receipt": "R-RANGE-1", "amount": {{amount}}, "method": "cash"}""", Encoding.UTF8, "application/json"));

        await AssertInvalid(response, "amount");
        Assert.Empty((await Statement(a.Affiliation)).GetProperty("payments").EnumerateArray());
    }

    [Fact]
    public async Task K_4_the_largest_plausible_payment_is_taken_and_its_excess_is_credit()
    {
        var a = await Affiliate("annual");
        var paid = await Pay(Cashier, a.Affiliation, "R-RANGE-2", 100_000_000);
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal(100_000_000 - 3500, (await Json(paid)).GetProperty("credit").GetInt64());
    }

    [Fact]
    public async Task K_4_a_collectors_row_above_one_payments_maximum_is_a_400_naming_the_row()
    {
        var a = await Affiliate("annual");
        Task<HttpResponseMessage> Transfer(string amount, string row) => Cashier.PostAsync(
            $"/api/group-agreements/{Guid.NewGuid()}/payments?reference=T-RANGE&amount={amount}",
            new StringContent($"beneficiary_number,amount\n{a.Number},{row}\n", Encoding.UTF8, "text/csv"));

        await AssertInvalid(await Transfer("7000", "9223372036854775807"), "rows[1].amount");
        await AssertInvalid(await Transfer("7000", "100000001"), "rows[1].amount");
        // The transfer is a total of many payments: at most 10^12, and a whole number in the query.
        await AssertInvalid(await Transfer("1000000000001", "7000"), "amount");
        await AssertInvalid(await Transfer("9223372036854775808", "7000"), "amount");
    }

    private static async Task AssertInvalid(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field} in {body}");
    }
}
