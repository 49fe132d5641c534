using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Claims;

/// <summary>
/// Issue 22: a claim line's quantity is 1 to 1,000 and its unit price 1 to 100,000,000 minor units, a
/// claim has at most 100 lines, and a review lowers within the same ranges; each given as a JSON number.
/// </summary>
public sealed class LineRangeTests(TestCluster cluster) : ClaimsTest(cluster)
{
    public static readonly TheoryData<string, string> OutOfRange = new()
    {
        { """{"tariffCode": "CONS-GEN", "quantity": 1001, "claimedUnitPrice": 1000}""", "lines[0].quantity" },
        { """{"tariffCode": "CONS-GEN", "quantity": 2147483648, "claimedUnitPrice": 1000}""", "lines[0].quantity" },
        { """{"tariffCode": "CONS-GEN", "quantity": "2", "claimedUnitPrice": 1000}""", "lines[0].quantity" },
        { """{"tariffCode": "CONS-GEN", "quantity": 1, "claimedUnitPrice": 100000001}""", "lines[0].claimedUnitPrice" },
        { """{"tariffCode": "CONS-GEN", "quantity": 1, "claimedUnitPrice": 9223372036854775807}""", "lines[0].claimedUnitPrice" },
        { """{"tariffCode": "CONS-GEN", "quantity": 1, "claimedUnitPrice": "1000"}""", "lines[0].claimedUnitPrice" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task C_1_a_line_quantity_or_unit_price_out_of_range_or_as_a_string_is_a_400_naming_it(string line, string field)
    {
        var claim = JsonSerializer.SerializeToNode(Claim("RANGE-1", "SN0000000001", ClaimsDay(), []))!.AsObject();
        claim["lines"] = new JsonArray(JsonNode.Parse(line));

        var response = await Provider.PostAsync("/provider/v1/claims", new StringContent(claim.ToJsonString(), Encoding.UTF8, "application/json"));

        await AssertInvalid(response, field);
    }

    [Fact]
    public async Task C_1_a_claim_of_more_than_100_lines_is_a_400_naming_lines()
    {
        var lines = Enumerable.Range(0, 101).Select(_ => Line("CONS-GEN", 1, 1000)).ToArray();
        await AssertInvalid(await Send(Provider, Claim("RANGE-2", "SN0000000001", ClaimsDay(), lines)), "lines");
    }

    [Theory]
    [InlineData("""{"lineNumber": 1, "quantity": -1}""", "lines[0].quantity")]
    [InlineData("""{"lineNumber": 1, "quantity": 1001}""", "lines[0].quantity")]
    [InlineData("""{"lineNumber": 1, "unitPrice": 100000001}""", "lines[0].unitPrice")]
    [InlineData("""{"lineNumber": 1, "unitPrice": "10"}""", "lines[0].unitPrice")]
    public async Task C_8_a_review_out_of_range_is_a_400_naming_the_field(string line, string field)
    {
        var review = new JsonObject { ["lines"] = new JsonArray(JsonNode.Parse(line)), ["justification"] = "lowered" };
        var response = await Reviewer.PostAsync($"/api/claims/{Guid.NewGuid()}/review",
            new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"));
        await AssertInvalid(response, field);
    }

    private static async Task AssertInvalid(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field} in {body}");
    }
}
