using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Schemes;

/// <summary>POST /fund/v1/schemes (fund-api.md "Schemes"; domain.md S-1).</summary>
public sealed class PublishSchemeTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task S_1_a_first_document_is_published_as_version_1()
    {
        var fund = await FundClient();
        var response = await fund.Publish(SchemeDocuments.Valid("FIRST"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new PublishedScheme("FIRST", 1), await response.Content.ReadFromJsonAsync<PublishedScheme>());
        Assert.Equal("/fund/v1/schemes/FIRST/versions/1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task S_1_a_later_effective_date_is_the_next_version()
    {
        var fund = await FundClient();
        await fund.Publish(SchemeDocuments.Valid("LATER", "2026-01-01"));
        var response = await fund.Publish(SchemeDocuments.Valid("LATER", "2027-01-01").With(d => d["waitingPeriodDays"] = 60));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new PublishedScheme("LATER", 2), await response.Content.ReadFromJsonAsync<PublishedScheme>());
    }

    [Fact]
    public async Task S_1_the_latest_document_posted_again_unchanged_is_the_same_version_not_a_new_one()
    {
        var fund = await FundClient();
        await fund.Publish(SchemeDocuments.Valid("AGAIN"));
        // Same content, the percentage tables in another key order: still the same document.
        var again = SchemeDocuments.Valid("AGAIN").With(d => d["subsidyPercent"] = new JsonObject { ["none"] = 0, ["indigent"] = 100, ["standard"] = 50 });
        var response = await fund.Publish(again);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new PublishedScheme("AGAIN", 1), await response.Content.ReadFromJsonAsync<PublishedScheme>());
        var list = await fund.GetFromJsonAsync<JsonArray>("/fund/v1/schemes");
        Assert.Single(list!.Single(s => (string?)s!["code"] == "AGAIN")!["versions"]!.AsArray());
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2025-12-31")]
    public async Task S_1_an_effective_date_not_after_the_latest_versions_is_400_naming_effectiveFrom(string effectiveFrom)
    {
        var fund = await FundClient();
        var code = "EARLY" + effectiveFrom[..4];
        await fund.Publish(SchemeDocuments.Valid(code, "2026-01-01"));
        var response = await fund.Publish(SchemeDocuments.Valid(code, effectiveFrom).With(d => d["gracePeriodDays"] = 15));
        await AssertInvalid(response, "effectiveFrom");
    }

    public static readonly TheoryData<string, string> InvalidFields = new()
    {
        { "unknown tariff category", "tariffs[0].category" },
        { "unknown coverage category", "coverageRatePercent.dentistry" },
        { "percentage above 100", "adminFeePercent" },
        { "negative percentage", "coverageRatePercent.imaging" },
        { "negative amount", "contributionPerBeneficiary" },
        { "negative tariff price", "tariffs[1].maxUnitPrice" },
        { "duplicate tariff code", "tariffs[1].code" },
        { "malformed code", "code" },
        { "contribution beyond the platform maximum", "contributionPerBeneficiary" },
        { "contribution as a string", "contributionPerBeneficiary" },
        { "tariff price beyond the platform maximum", "tariffs[1].maxUnitPrice" },
        { "ceiling beyond the platform maximum", "annualCeilingPerBeneficiary" },
        { "quantity per claim beyond the platform maximum", "tariffs[0].maxQuantityPerClaim" },
        { "waiting period of a century", "waitingPeriodDays" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_document_is_400_naming_the_field(string what, string field)
    {
        var fund = await FundClient();
        var document = SchemeDocuments.Valid("INVALID").With(d =>
        {
            var tariffs = d["tariffs"]!.AsArray();
            switch (what)
            {
                case "unknown tariff category": tariffs[0]!["category"] = "dentistry"; break;
                case "unknown coverage category": d["coverageRatePercent"]!["dentistry"] = 50; break;
                case "percentage above 100": d["adminFeePercent"] = 101; break;
                case "negative percentage": d["coverageRatePercent"]!["imaging"] = -1; break;
                case "negative amount": d["contributionPerBeneficiary"] = -7000; break;
                case "negative tariff price": tariffs[1]!["maxUnitPrice"] = -1; break;
                case "duplicate tariff code": tariffs[1]!["code"] = "CONS-GEN"; break;
                case "malformed code": d["code"] = "CSU BASE/1"; break;
                case "contribution beyond the platform maximum": d["contributionPerBeneficiary"] = long.MaxValue; break;
                case "contribution as a string": d["contributionPerBeneficiary"] = "7000"; break;
                case "tariff price beyond the platform maximum": tariffs[1]!["maxUnitPrice"] = 100_000_001; break;
                case "ceiling beyond the platform maximum": d["annualCeilingPerBeneficiary"] = 1_000_000_000_001; break;
                case "quantity per claim beyond the platform maximum": tariffs[0]!["maxQuantityPerClaim"] = 1001; break;
                case "waiting period of a century": d["waitingPeriodDays"] = 36_500; break;
            }
        });
        await AssertInvalid(await fund.Publish(document), field);
        Assert.DoesNotContain(await fund.GetFromJsonAsync<JsonArray>("/fund/v1/schemes") ?? [], s => (string?)s!["code"] == "INVALID");
    }

    [Fact]
    public async Task A_staff_token_is_403_and_no_token_is_401()
    {
        await Mutual("thies", "manager");
        var manager = await SignedIn("manager@thies");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.Publish(SchemeDocuments.Valid("STAFF"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.Publish(SchemeDocuments.Valid("STAFF"))).StatusCode);
    }

    private static async Task AssertInvalid(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"no error for {field} in {body}");
    }
}
