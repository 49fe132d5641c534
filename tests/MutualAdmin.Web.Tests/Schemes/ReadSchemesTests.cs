using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MutualAdmin.Testing;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Tests.Schemes;

/// <summary>Reading published schemes (fund-api.md "Schemes") and the version in force on a date (S-2).</summary>
public sealed class ReadSchemesTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task The_list_has_every_code_with_its_versions_and_effective_dates()
    {
        var fund = await FundClient();
        await fund.Publish(SchemeDocuments.Valid("LIST-A", "2026-01-01"));
        await fund.Publish(SchemeDocuments.Valid("LIST-A", "2026-07-01").With(d => d["gracePeriodDays"] = 45));
        await fund.Publish(SchemeDocuments.Valid("LIST-B", "2026-03-01"));

        var list = (await fund.GetFromJsonAsync<JsonArray>("/fund/v1/schemes"))!;
        var a = list.Single(s => (string?)s!["code"] == "LIST-A")!;
        Assert.Equal("""[{"version":1,"effectiveFrom":"2026-01-01"},{"version":2,"effectiveFrom":"2026-07-01"}]""", a["versions"]!.ToJsonString());
        Assert.Contains(list, s => (string?)s!["code"] == "LIST-B");
    }

    [Fact]
    public async Task One_version_is_the_published_document_with_its_number()
    {
        var fund = await FundClient();
        await fund.Publish(SchemeDocuments.Valid("ONE", "2026-01-01"));
        await fund.Publish(SchemeDocuments.Valid("ONE", "2027-01-01").With(d => d["contributionPerBeneficiary"] = 8000));

        var second = (await fund.GetFromJsonAsync<JsonObject>("/fund/v1/schemes/ONE/versions/2"))!;
        Assert.Equal((2, "2027-01-01", 8000L), ((int)second["version"]!, (string)second["effectiveFrom"]!, (long)second["contributionPerBeneficiary"]!));
        Assert.Equal(50, (int)second["subsidyPercent"]!["standard"]!);
        Assert.Equal("CONS-GEN", (string?)second["tariffs"]![0]!["code"]);
        var first = (await fund.GetFromJsonAsync<JsonObject>("/fund/v1/schemes/ONE/versions/1"))!;
        Assert.Equal(7000L, (long)first["contributionPerBeneficiary"]!); // S-1: never edited by the later version
    }

    [Theory]
    [InlineData("/fund/v1/schemes/ONE-404/versions/2")]
    [InlineData("/fund/v1/schemes/NOPE/versions/1")]
    [InlineData("/fund/v1/schemes/not%20a%20code/versions/1")]
    public async Task An_unknown_scheme_or_version_is_a_404_problem(string path)
    {
        var fund = await FundClient();
        await fund.Publish(SchemeDocuments.Valid("ONE-404"));
        var response = await fund.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://mutualadmin.org/problems/not-found",
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Staff_of_any_role_read_schemes_on_their_own_paths()
    {
        await (await FundClient()).Publish(SchemeDocuments.Valid("STAFF-READ"));
        await Mutual("thies", "auditor");
        var auditor = await SignedIn("auditor@thies");
        Assert.Contains((await auditor.GetFromJsonAsync<JsonArray>("/api/schemes"))!, s => (string?)s!["code"] == "STAFF-READ");
        Assert.Equal(1, (int)(await auditor.GetFromJsonAsync<JsonObject>("/api/schemes/STAFF-READ/versions/1"))!["version"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/fund/v1/schemes")).StatusCode);
    }

    [Fact]
    public async Task S_2_the_version_in_force_is_the_latest_effective_on_the_date_that_matters()
    {
        var fund = await FundClient();
        await fund.Publish(SchemeDocuments.Valid("IN-FORCE", "2026-01-01"));
        var catalogues = Service<SchemeCatalogues>();
        Assert.Equal(1, (await catalogues.InForce("IN-FORCE", new(2026, 6, 30)))?.Version); // cached from here on
        await fund.Publish(SchemeDocuments.Valid("IN-FORCE", "2026-07-01").With(d => d["waitingPeriodDays"] = 60));

        Assert.Null(await catalogues.InForce("IN-FORCE", new(2025, 12, 31)));
        Assert.Equal(1, (await catalogues.InForce("IN-FORCE", new(2026, 6, 30)))?.Version);
        var july = await catalogues.InForce("IN-FORCE", new(2026, 7, 1));
        Assert.Equal((2, 60), (july?.Version, july?.WaitingPeriodDays));
        Assert.Equal(2, (await catalogues.InForce("IN-FORCE", new(2030, 1, 1)))?.Version);
        Assert.Null(await catalogues.InForce("NO-SUCH-SCHEME", new(2026, 7, 1)));
    }
}
