using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Contributions;

namespace MutualAdmin.Web.Tests.Reports;

/// <summary>R-1 and A-3: the affiliation register, its hash, its three forms, its publication.</summary>
public sealed class AffiliationRegisterTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private static readonly string Month = Today.ToString("yyyy-MM");
    private static readonly string LastMonth = Today.AddMonths(-1).ToString("yyyy-MM");
    private HttpClient fund = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        fund = await FundClient();
    }

    [Fact]
    public async Task R_1_counts_the_stock_at_month_end_the_flows_of_the_month_and_lists_every_beneficiary()
    {
        var awa = await Affiliate(plan: "annual", people: 2, name: "Awa Diop");
        var fatou = await Affiliate(plan: "annual", people: 1, name: "Fatou Sow");
        await Affiliate(plan: "annual", people: 1, name: "Unpaid Ndiaye"); // pending: in no stock
        // Cover starts 90 days after the day the payment activated it (read back: a run may cross midnight).
        var paidOn = DateOnly.Parse((await Json((await Pay(Cashier, awa.Affiliation, "R-R1-1", 7000)).EnsureSuccessStatusCode())).GetProperty("paidOn").GetString()!);
        (await Pay(Cashier, fatou.Affiliation, "R-R1-2", 3500)).EnsureSuccessStatusCode();

        var report = await Report($"/fund/v1/reports/affiliation-register/thies/{Month}");

        Assert.Equal(3, report["stock"]!["total"]!.GetValue<int>());
        Assert.Equal(3, report["stock"]!["byState"]!["waiting"]!.GetValue<int>());
        Assert.Equal(3, report["stock"]!["bySex"]!["waiting"]!["F"]!.GetValue<int>());
        Assert.Equal(3, report["stock"]!["byChannel"]!["waiting"]!["individual"]!.GetValue<int>());
        Assert.Equal(2, report["flows"]!["new"]!.GetValue<int>());
        var list = report["beneficiaries"]!.AsArray();
        Assert.Equal(3, list.Count);
        var first = list.Single(b => b!["beneficiaryNumber"]!.GetValue<string>() == awa.Number)!;
        Assert.Equal(("Awa Diop", "waiting", paidOn.AddDays(90).ToString("yyyy-MM-dd")),
            (first["name"]!.GetValue<string>(), first["state"]!.GetValue<string>(), first["coverFrom"]!.GetValue<string>()));
        Assert.DoesNotContain(list, b => b!["name"]!.GetValue<string>() == "Unpaid Ndiaye");
    }

    [Fact]
    public async Task The_dashboard_trend_is_R_1_of_each_of_the_six_months_at_the_dashboard_position()
    {
        var awa = await Affiliate(plan: "annual", people: 2, name: "Awa Diop");
        await Affiliate(plan: "annual", people: 1, name: "Unpaid Ndiaye");
        (await Pay(Cashier, awa.Affiliation, "R-T-1", 7000)).EnsureSuccessStatusCode();

        var dashboard = JsonNode.Parse(await (await Manager.GetAsync($"/api/dashboard?month={Month}")).EnsureSuccessStatusCode()
            .Content.ReadAsStringAsync())!;
        var position = dashboard["position"]!.GetValue<long>();
        var trend = dashboard["enrolment"]!.AsArray();

        Assert.Equal([.. Enumerable.Range(0, 6).Select(i => Today.AddMonths(i - 5).ToString("yyyy-MM"))],
            trend.Select(m => m!["month"]!.GetValue<string>()).ToArray());
        foreach (var month in trend)
        {
            var report = await Report($"/fund/v1/reports/affiliation-register/thies/{month!["month"]!.GetValue<string>()}?asOf={position}");
            Assert.Equal((report["stock"]!["total"]!.GetValue<long>(), report["flows"]!["new"]!.GetValue<long>()),
                (month["beneficiaries"]!.GetValue<long>(), month["newAffiliations"]!.GetValue<long>()));
        }
        Assert.Equal((2L, 1L), (trend[^1]!["beneficiaries"]!.GetValue<long>(), trend[^1]!["newAffiliations"]!.GetValue<long>()));
    }

    [Fact]
    public async Task A_3_a_report_regenerated_at_its_position_keeps_its_hash_after_later_events()
    {
        var awa = await Affiliate(plan: "annual", name: "Awa Diop");
        (await Pay(Cashier, awa.Affiliation, "R-A3-1", 3500)).EnsureSuccessStatusCode();
        var before = await fund.GetAsync($"/fund/v1/reports/affiliation-register/thies/{Month}");
        var (position, hash) = (Header(before, "X-Report-Position"), Header(before, "X-Report-Sha256"));

        var later = await Affiliate(plan: "annual", name: "Later Ba");
        (await Pay(Cashier, later.Affiliation, "R-A3-2", 3500)).EnsureSuccessStatusCode();

        var again = await fund.GetAsync($"/fund/v1/reports/affiliation-register/thies/{Month}?asOf={position}");
        Assert.Equal((position, hash), (Header(again, "X-Report-Position"), Header(again, "X-Report-Sha256")));
        var now = await fund.GetAsync($"/fund/v1/reports/affiliation-register/thies/{Month}");
        Assert.NotEqual(hash, Header(now, "X-Report-Sha256"));
        Assert.Equal(2, JsonNode.Parse(await now.Content.ReadAsStringAsync())!["stock"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_csv_xlsx_and_json_forms_carry_the_same_figures_and_the_same_hash()
    {
        var awa = await Affiliate(plan: "annual", people: 2, name: "Awa Diop");
        (await Pay(Cashier, awa.Affiliation, "R-F-1", 7000)).EnsureSuccessStatusCode();
        var path = $"/fund/v1/reports/affiliation-register/thies/{Month}";
        var json = await fund.GetAsync(path);
        var asOf = Header(json, "X-Report-Position");
        var csv = await Get($"{path}?asOf={asOf}", "text/csv");
        var xlsx = await Get($"{path}?asOf={asOf}", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal(Header(json, "X-Report-Sha256"), Header(csv, "X-Report-Sha256"));
        Assert.Equal(Header(json, "X-Report-Sha256"), Header(xlsx, "X-Report-Sha256"));

        var fromCsv = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(',', 2)).ToDictionary(p => p[0], p => p[1]);
        var fromXlsx = ReportSheet(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal("2", fromCsv["stock.total"]);
        Assert.Equal("2", fromXlsx["stock.total"]);
        Assert.Equal(fromCsv.Keys.Order(), fromXlsx.Keys.Order());
        Assert.All(fromCsv, kv => Assert.Equal(kv.Value.Trim('"'), fromXlsx[kv.Key] ?? ""));
        var body = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.Equal(body["beneficiaries"]![0]!["beneficiaryNumber"]!.GetValue<string>(), fromCsv["beneficiaries[0].beneficiaryNumber"]);
    }

    [Fact]
    public async Task A_manager_publishes_a_finished_month_and_the_fund_lists_it_reads_it_and_hears_of_it()
    {
        var awa = await Affiliate(plan: "annual", name: "Awa Diop");
        (await Pay(Cashier, awa.Affiliation, "R-P-1", 3500)).EnsureSuccessStatusCode();

        var refused = await Manager.PostAsync($"/api/reports/affiliation-register/{Month}/publication", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var published = await Manager.PostAsync($"/api/reports/affiliation-register/{LastMonth}/publication", null);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var receipt = JsonNode.Parse(await published.Content.ReadAsStringAsync())!;
        var (position, hash) = (receipt["position"]!.GetValue<long>(), receipt["sha256"]!.GetValue<string>());

        await Affiliate(plan: "annual", name: "After Publication");
        var listed = JsonNode.Parse(await (await fund.GetAsync("/fund/v1/reports")).Content.ReadAsStringAsync())!.AsArray().Single()!;
        Assert.Equal(("thies", "affiliation-register", LastMonth, position, hash), (listed["tenant"]!.GetValue<string>(),
            listed["kind"]!.GetValue<string>(), listed["period"]!.GetValue<string>(), listed["position"]!.GetValue<long>(), listed["hash"]!.GetValue<string>()));
        var read = await fund.GetAsync($"/fund/v1/reports/affiliation-register/thies/{LastMonth}");
        Assert.Equal((position.ToString(), hash), (Header(read, "X-Report-Position"), Header(read, "X-Report-Sha256")));

        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        var feed = await (await fund.GetAsync("/fund/v1/events?after=0&limit=1000")).Content.ReadAsStringAsync();
        var announced = JsonNode.Parse(feed)!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "org.mutualadmin.report.published")!;
        Assert.Equal(hash, announced["data"]!["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_requests_name_the_field()
    {
        foreach (var (path, field) in new[]
        {
            ($"/fund/v1/reports/affiliation-register/thies/2026-13", "period"),
            ($"/fund/v1/reports/affiliation-register/nowhere/{Month}", "tenant"),
            ($"/fund/v1/reports/balance-sheet/thies/{Month}", "kind"),
            ($"/fund/v1/reports/affiliation-register/thies/{Month}?asOf=999999999", "asOf"),
            ($"/fund/v1/reports/affiliation-register/thies/{Month}?asOf=-1", "asOf"),
        })
        {
            var response = await fund.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(field, out _), path);
        }
    }

    private async Task<JsonNode> Report(string path)
    {
        var response = await fund.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Matches("^[0-9a-f]{64}$", Header(response, "X-Report-Sha256"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> Get(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        var response = await fund.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    /// <summary>The XLSX "Report" sheet as path → value.</summary>
    private static Dictionary<string, string?> ReportSheet(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Report");
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().Skip(1);
        return rows.Select(r => r.Elements<Cell>().Select(c => c.InlineString?.Text?.Text ?? c.CellValue?.Text).ToList())
            .ToDictionary(c => c[0]!, c => c.Count > 1 ? c[1] : null);
    }
}
