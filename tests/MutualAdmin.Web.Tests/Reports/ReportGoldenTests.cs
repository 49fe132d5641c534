using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Reports;
using MutualAdmin.Web.Ui.Dashboards;
using MutualAdmin.Web.Tests.Contributions;

namespace MutualAdmin.Web.Tests.Reports;

/// <summary>
/// A-3 across changes of the report code: a fixed script of commands, on fixed business days, on a
/// fresh database, and the hashes its reports must give, at the head and as of a past position. The
/// hashes were taken from the full-replay builders before reports were served from a kept fold
/// (issue 21); a change that alters any published report's content fails here.
/// </summary>
public sealed class ReportGoldenTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private static readonly DateOnly Start = new(2026, 3, 2);

    // Taken on the full-replay builders (commit before "kept report folds"), twice, the same both times.
    private const string Expected = """
        affiliation-register 2026-03 head d8f72a78b32181718706eecf150463f885ecbc83a4871d12c514756c8538d581
        affiliation-register 2026-03 month-back 4bb92433d86ab566e24f9a883a24c9c4d64f1d9818235679b72c84daab8f20ab
        affiliation-register 2026-06 head e2c19b81acf9e1e7e80c4f1dab7e4c9a95b050f65e3ce7b09da0992701124115
        affiliation-register 2026-06 month-back f3bb4548a15cb41b7c3018e15092638a1070e5682a5b5239a183ac9da9ae79ac
        contributions 2026-03 head 18a6bbe5557002946d542cb804219cec3341c9203e4cba303848cfce440f8470
        contributions 2026-03 month-back a3bc69f4c62671b3f833639704c6c5fc44e80926498c6c5cd87d1e495026b79d
        contributions 2026-06 head 4ffe4032fed7dfc0ca5565a10b89ebaa05edaf09350854f57c59fcf6fde32be6
        contributions 2026-06 month-back 360b1725d095f9867dc4d4d3afe47256effd3d67536547fce993609728edc71f
        claims 2026-03 head b8a97941534008d58508ff24d43e102378731d1063fb2eabe762e29f75631296
        claims 2026-03 month-back ffd9b9fc8897fa4f8a1204ab5e92937331e7c76416861a311a69a7dfaedbaf2f
        claims 2026-06 head 7b2f2bd1a4bccc87f4d48c9fabe57ac9da62b309e430e7025d65416475651512
        claims 2026-06 month-back 0f62d18213cf20d0dd06b45bfdbde2e12825ac4d68ddde62e930bc9e28770492
        """;

    [Fact]
    public async Task The_fixed_script_gives_the_same_report_hashes_as_before()
    {
        On(Start);
        var awa = await AffiliatedOn("Awa Golden", "1980-05-10", "quarterly", [Person("Awa Golden child", birthDate: "2015-06-01", relationship: "child")]);
        var binta = await AffiliatedOn("Binta Golden", "1955-01-20", "annual", []);
        await AffiliatedOn("Coumba Unpaid", "2001-11-11", "annual", []);
        (await Pay(Cashier, awa, "G-1", 3500)).EnsureSuccessStatusCode();
        (await Pay(Cashier, binta, "G-2", 3500, "mobile-money")).EnsureSuccessStatusCode();
        On(Start.AddDays(10));
        (await Reverse(Cashier, "G-2", "bounced transfer")).EnsureSuccessStatusCode();
        (await Pay(Cashier, binta, "G-3", 3500, "bank-transfer")).EnsureSuccessStatusCode();
        var monthBack = long.Parse(Header(await Fund.GetAsync("/fund/v1/reports/contributions/thies/2026-03"), "X-Report-Position"));
        // Read at the head of the time, so a host that keeps its folds has them there and moves them on below.
        (await Fund.GetAsync("/fund/v1/reports/affiliation-register/thies/2026-03")).EnsureSuccessStatusCode();
        (await Fund.GetAsync("/fund/v1/reports/claims/thies/2026-03")).EnsureSuccessStatusCode();
        (await Manager.GetAsync("/api/dashboard?month=2026-03")).EnsureSuccessStatusCode();

        On(Start.AddDays(100));
        (await Pay(Cashier, awa, "G-4", 1000)).EnsureSuccessStatusCode();
        var dora = await AffiliatedOn("Dora Later", "1990-02-02", "annual", []);
        (await Pay(Cashier, dora, "G-5", 3500, "cash")).EnsureSuccessStatusCode();

        var hashes = new List<string>();
        foreach (var kind in new[] { "affiliation-register", "contributions", "claims" })
            foreach (var period in new[] { "2026-03", "2026-06" })
                foreach (var asOf in new long?[] { null, monthBack })
                {
                    var response = await Fund.GetAsync($"/fund/v1/reports/{kind}/thies/{period}{(asOf is { } p ? $"?asOf={p}" : "")}");
                    Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                    hashes.Add($"{kind} {period} {(asOf is null ? "head" : "month-back")} {Header(response, "X-Report-Sha256")}");
                }
        Assert.True(Expected == string.Join('\n', hashes), string.Join('\n', hashes));

        // The dashboard (no hash of its own): the host's kept folds give what folds made from nothing give.
        var store = Service<EventStore.EventStore>();
        var head = await store.HeadPosition();
        var fresh = new ReportFolds(store, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReportFolds>.Instance);
        var statements = new ContributionStatement(fresh);
        var replayed = new DashboardData(new AffiliationRegister(store, fresh), statements, new ClaimsStatement(fresh, statements), fresh);
        foreach (var (month, position) in new[] { ("2026-03", head), ("2026-06", head), ("2026-03", monthBack), ("2026-06", monthBack) })
        {
            Assert.True(Period.TryParse(month, out var period));
            var all = new LocalityFilter(null, null, null);
            var kept = JsonSerializer.Serialize(await Service<DashboardData>().Of("thies", period, position, all, default));
            Assert.Equal(JsonSerializer.Serialize(await replayed.Of("thies", period, position, all, default)), kept);
            Assert.Contains("\"Beneficiaries\":", kept);
        }
    }

    private HttpClient Fund { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Fund = await FundClient();
    }

    /// <summary>The business clock at noon of <paramref name="day"/>, whatever day the test runs.</summary>
    private void On(DateOnly day) => Clock.Offset = day.ToDateTime(new TimeOnly(12, 0)) - DateTime.UtcNow;

    private async Task<Guid> AffiliatedOn(string name, string birthDate, string plan, object[] dependants)
    {
        var registered = await Json(await Register(Officer, Household(Person(name, birthDate: birthDate), dependants.Length > 0 ? dependants : null,
            confirmedNotDuplicate: true)));
        var household = registered.GetProperty("householdId").GetGuid();
        var affiliation = (await Json(await Officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            new { channel = "individual", paymentPlan = plan }))).GetProperty("affiliationId").GetGuid();
        (await Manager.PostAsync($"/api/affiliations/{affiliation}/approval", null)).EnsureSuccessStatusCode();
        return affiliation;
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
