using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Claims;
using MutualAdmin.Web.Tests.Schemes;

namespace MutualAdmin.Web.Tests.Fund;

/// <summary>
/// fund-api.md read as a checklist: every path with the status codes and field names the contract
/// fixes. The behaviour behind each path has its own tests; these pin the wire shape.
/// </summary>
public sealed partial class FundContractTests(TestCluster cluster) : ClaimsTest(cluster)
{
    private static void HasFields(JsonElement e, params string[] fields)
    {
        foreach (var f in fields) Assert.True(e.TryGetProperty(f, out _), $"missing '{f}' in {e}");
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await Json(response);
        HasFields(body, "type", "title", "status");
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        if (field is not null) Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {body}");
        return body;
    }

    [Fact]
    public async Task Authentication_token_fields_401_without_or_with_a_bad_token_and_403_across_sides()
    {
        var (client, secret) = await Service<Web.Platform.ApiClients>().Create("fund", "Contract fund", null, null, default);
        var token = await Json(await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = client.Id, clientSecret = secret }));
        HasFields(token, "accessToken", "tokenType", "expiresIn");
        Assert.Equal(("Bearer", 900), (token.GetProperty("tokenType").GetString(), token.GetProperty("expiresIn").GetInt32()));
        await Problem(await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = client.Id, clientSecret = "wrong" }), HttpStatusCode.Unauthorized);

        await Problem(await Client.GetAsync("/fund/v1/reports"), HttpStatusCode.Unauthorized);
        var forged = Factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
        await Problem(await forged.GetAsync("/fund/v1/reports"), HttpStatusCode.Unauthorized);
        await Problem(await Manager.GetAsync("/fund/v1/reports"), HttpStatusCode.Forbidden);
        await Problem(await Fund.GetAsync("/api/remittances"), HttpStatusCode.Forbidden);
        // Fund clients never write enrolment, contribution or claim data.
        await Problem(await Fund.PostAsJsonAsync("/api/claims", new { }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Eligibility_json_and_fhir_fields_404_for_an_unknown_number_400_for_a_bad_date()
    {
        var number = await CoveredBeneficiary("Awa Contract");
        var answer = await Json(await Fund.GetAsync($"/fund/v1/eligibility?beneficiary={number}&date={Today:yyyy-MM-dd}"));
        HasFields(answer, "beneficiary", "date", "covered", "state", "tenant", "scheme", "schemeVersion", "coverFrom", "coverTo",
            "ceilingRemaining", "currency", "reason");
        Assert.Equal(("waiting", "IN_WAITING_PERIOD"), (answer.GetProperty("state").GetString(), answer.GetProperty("reason").GetString()));
        var unknown = await Problem(await Fund.GetAsync($"/fund/v1/eligibility?beneficiary=000000000000&date={Today:yyyy-MM-dd}"), HttpStatusCode.NotFound);
        Assert.EndsWith("/beneficiary-unknown", unknown.GetProperty("type").GetString());
        await Problem(await Fund.GetAsync($"/fund/v1/eligibility?beneficiary={number}&date=2026-02-30"), HttpStatusCode.BadRequest, "date");

        var fhir = await Json(await Fund.PostAsJsonAsync("/fund/fhir/CoverageEligibilityRequest", new
        {
            resourceType = "CoverageEligibilityRequest", status = "active", purpose = new[] { "validation" },
            patient = new { identifier = new { system = "https://mutualadmin.org/fhir/beneficiary-number", value = number } },
            servicedDate = Today.AddDays(120).ToString("yyyy-MM-dd"),
        }));
        Assert.Equal(("CoverageEligibilityResponse", "complete", true), (fhir.GetProperty("resourceType").GetString(),
            fhir.GetProperty("outcome").GetString(), fhir.GetProperty("insurance")[0].GetProperty("inforce").GetBoolean()));
        HasFields(fhir.GetProperty("insurance")[0].GetProperty("item")[0].GetProperty("benefit")[0], "allowedMoney", "usedMoney");
    }

    [Fact]
    public async Task Event_feed_cloudevents_fields_position_order_limits_and_an_empty_array_when_up_to_date()
    {
        var number = await CoveredBeneficiary("Binta Contract");
        var day = ClaimsDay();
        var claim = await Decided(await Submit(ClaimsOfficer, Claim("CONTRACT-1", number, day.AddDays(-1), [Line("CONS-GEN", 1, 2000)])));
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));

        var response = await Fund.GetAsync("/fund/v1/events?after=0");
        Assert.Equal("application/cloudevents-batch+json", response.Content.Headers.ContentType?.MediaType);
        var events = (await Json(response)).EnumerateArray().ToList();
        Assert.NotEmpty(events);
        foreach (var e in events)
        {
            HasFields(e, "specversion", "id", "source", "type", "time", "subject", "datacontenttype", "position", "data");
            Assert.Equal(("1.0", "/mutualadmin/thies", "application/json"), (e.GetProperty("specversion").GetString(),
                e.GetProperty("source").GetString(), e.GetProperty("datacontenttype").GetString()));
            Assert.Matches(TwentyDigits(), e.GetProperty("position").GetString());
            Assert.StartsWith("org.mutualadmin.", e.GetProperty("type").GetString());
        }
        var positions = events.Select(e => long.Parse(e.GetProperty("position").GetString()!)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "org.mutualadmin.claim.decided"
            && e.GetProperty("subject").GetString() == claim.GetProperty("claimId").GetGuid().ToString());
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "org.mutualadmin.beneficiary.added" && e.GetProperty("subject").GetString() == number);

        // The same event keeps its id; after the last one the feed is an empty array.
        var again = (await Json(await Fund.GetAsync("/fund/v1/events?after=0"))).EnumerateArray().Select(e => e.GetProperty("id").GetString());
        Assert.Equal(events.Select(e => e.GetProperty("id").GetString()), again.Take(events.Count));
        Assert.Equal(0, (await Json(await Fund.GetAsync($"/fund/v1/events?after={positions[^1]}"))).GetArrayLength());
        Assert.Single((await Json(await Fund.GetAsync("/fund/v1/events?after=0&limit=1"))).EnumerateArray());
        await Problem(await Fund.GetAsync("/fund/v1/events?after=0&limit=1001"), HttpStatusCode.BadRequest, "limit");
        await Problem(await Fund.GetAsync("/fund/v1/events?after=0&wait=21"), HttpStatusCode.BadRequest, "wait");
    }

    [Fact]
    public async Task Webhooks_registration_answers_id_and_secret_and_refuses_a_bad_url()
    {
        // A literal public address (for documentation): registering looks up no name, and the endpoint
        // is deleted before anything could be sent to it.
        var registered = await Fund.PostAsJsonAsync("/fund/v1/webhooks", new { url = "https://203.0.113.10/hooks", types = new[] { "org.mutualadmin.claim.decided" } });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var body = await Json(registered);
        HasFields(body, "id", "secret");
        Assert.Equal(HttpStatusCode.NoContent, (await Fund.DeleteAsync($"/fund/v1/webhooks/{body.GetProperty("id").GetGuid()}")).StatusCode);
        await Problem(await Fund.PostAsJsonAsync("/fund/v1/webhooks", new { url = "not a url", types = new[] { "org.mutualadmin.claim.decided" } }),
            HttpStatusCode.BadRequest, "url");
    }

    [Fact]
    public async Task Reports_listing_fields_the_three_formats_with_one_hash_and_400_for_a_bad_kind_period_or_tenant()
    {
        var lastMonth = Today.AddDays(1 - Today.Day).AddMonths(-1);
        var period = $"{lastMonth:yyyy-MM}";
        (await Manager.PostAsync($"/api/reports/affiliation-register/{period}/publication", null)).EnsureSuccessStatusCode();
        var listed = (await Json(await Fund.GetAsync("/fund/v1/reports"))).EnumerateArray().Single();
        HasFields(listed, "tenant", "kind", "period", "position", "hash");

        var hashes = new List<string>();
        foreach (var (accept, media) in new[] { ("application/json", "application/json"), ("text/csv", "text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/fund/v1/reports/affiliation-register/thies/{period}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            var response = await Fund.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(media, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(listed.GetProperty("position").GetInt64().ToString(), response.Headers.GetValues("X-Report-Position").Single());
            hashes.Add(response.Headers.GetValues("X-Report-Sha256").Single());
        }
        Assert.Equal([listed.GetProperty("hash").GetString()!], hashes.Distinct());
        foreach (var kind in new[] { "contributions", "claims" })
            Assert.Equal(HttpStatusCode.OK, (await Fund.GetAsync($"/fund/v1/reports/{kind}/thies/{period}")).StatusCode);

        await Problem(await Fund.GetAsync($"/fund/v1/reports/payroll/thies/{period}"), HttpStatusCode.BadRequest, "kind");
        await Problem(await Fund.GetAsync("/fund/v1/reports/claims/thies/2026-13"), HttpStatusCode.BadRequest, "period");
        await Problem(await Fund.GetAsync($"/fund/v1/reports/claims/nowhere/{period}"), HttpStatusCode.BadRequest, "tenant");
    }

    [Fact]
    public async Task Schemes_publish_201_with_code_and_version_list_and_read_one_and_400_with_the_field()
    {
        var published = await Fund.Publish(SchemeDocuments.Valid("CSU-PLUS"));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var created = await Json(published);
        Assert.Equal(("CSU-PLUS", 1), (created.GetProperty("code").GetString(), created.GetProperty("version").GetInt32()));
        Assert.Contains("CSU-PLUS", await (await Fund.GetAsync("/fund/v1/schemes")).Content.ReadAsStringAsync());
        var one = await Json(await Fund.GetAsync("/fund/v1/schemes/CSU-PLUS/versions/1"));
        HasFields(one, "code", "effectiveFrom", "currency", "contributionPerBeneficiary", "waitingPeriodDays", "gracePeriodDays",
            "annualCeilingPerBeneficiary", "claimDeadlineDays", "reviewThreshold", "reviewSamplePercent", "fourEyesThreshold",
            "adminFeePercent", "subsidyPercent", "coverageRatePercent", "tariffs");
        // The same document again is the same publication (S-1); a changed one must take effect later.
        Assert.Equal(HttpStatusCode.OK, (await Fund.Publish(SchemeDocuments.Valid("CSU-PLUS"))).StatusCode);
        await Problem(await Fund.Publish(SchemeDocuments.Valid("CSU-PLUS").With(s => s["waitingPeriodDays"] = 60)), HttpStatusCode.BadRequest, "effectiveFrom");
        await Problem(await Fund.Publish(SchemeDocuments.Valid("CSU-PLUS", "2027-01-01").With(s => s["adminFeePercent"] = 120)),
            HttpStatusCode.BadRequest, "adminFeePercent");
    }

    [Fact]
    public async Task Errors_malformed_json_wrong_types_and_impossible_dates_are_400_problems_never_500()
    {
        foreach (var body in new[] { "{\"clientId\": ", "{\"clientId\": 5, \"clientSecret\": []}" })
        {
            var response = await Client.PostAsync("/fund/v1/token", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            await Problem(response, HttpStatusCode.BadRequest);
        }
        var remittance = await Fund.PostAsync($"/fund/v1/remittances/{Guid.NewGuid()}/acknowledgement",
            new StringContent("{\"receivedAmount\": 10, \"reference\": \"x\", \"receivedOn\": \"2026-11-31\"}", System.Text.Encoding.UTF8, "application/json"));
        await Problem(remittance, HttpStatusCode.BadRequest, "receivedOn");
        await Problem(await Fund.GetAsync("/fund/v1/remittances?tenant=thies&period=november"), HttpStatusCode.BadRequest, "period");
    }

    [GeneratedRegex("^[0-9]{20}$")]
    private static partial Regex TwentyDigits();
}
