using System.Net;
using System.Text;
using MutualAdmin.Testing;
using MutualAdmin.Web.Reference;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Tests.Enrolment;

/// <summary>Issue 22 §4: imports and collectors belong to their mutual; from any other they are 404.</summary>
public sealed class ImportTenancyTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private const string Header = "collector_ref,external_member_ref,role,household_ref,full_name,sex,birth_date,birth_year_estimated,phone,region,district,commune,occupation,national_id,subsidy_category,student,registry_reference";

    private static HttpContent File(string collector, string name) => new StringContent(string.Join('\n', Header,
        $"{collector},T-01,member,T,{name},F,1980-02-02,false,,Thiès,Mbour,Joal-Fadiouth,fishing,,standard,false,") + "\n",
        Encoding.UTF8, "text/csv");

    internal static Task Collector(ReferenceData reference, string tenant, string id) => reference.SaveCollector(
        new CollectorSeed(id, tenant, $"Collector {id}", "cooperative", new GroupAgreementSeed("AG-1", new DateOnly(2026, 1, 1), "annual", null)), default);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies");
        await Mutual("kaolack");
        await Collector(Service<ReferenceData>(), "thies", "mfi-jappo-thies");
        await Collector(Service<ReferenceData>(), "kaolack", "coop-saloum");
    }

    [Fact]
    public async Task E_10_another_mutual_neither_reads_nor_replaces_an_import()
    {
        var thies = await SignedIn("enrolment-officer@thies");
        var kaolack = await SignedIn("enrolment-officer@kaolack");
        var importId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await thies.PostAsync($"/api/collectors/mfi-jappo-thies/households?importId={importId}",
            File("mfi-jappo-thies", "Ndeye Sow"))).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await kaolack.GetAsync($"/api/imports/{importId}")).StatusCode);

        // Kaolack's own import under the same id is its own: Thiès still reads Thiès's report.
        Assert.Equal(HttpStatusCode.OK, (await kaolack.PostAsync($"/api/collectors/coop-saloum/households?importId={importId}",
            new StringContent(Header + "\n", Encoding.UTF8, "text/csv"))).StatusCode);
        var report = await Json(await thies.GetAsync($"/api/imports/{importId}"));
        Assert.Equal("mfi-jappo-thies", report.GetProperty("collector").GetString());
        Assert.Equal(1, report.GetProperty("rowsRegistered").GetInt64());
        Assert.Equal("coop-saloum", (await Json(await kaolack.GetAsync($"/api/imports/{importId}"))).GetProperty("collector").GetString());
    }

    [Fact]
    public async Task E_10_a_file_for_another_mutual_s_collector_is_404_and_registers_nobody()
    {
        var kaolack = await SignedIn("enrolment-officer@kaolack");

        var response = await kaolack.PostAsync("/api/collectors/mfi-jappo-thies/households", File("mfi-jappo-thies", "Astou Faye"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await Scalar("select count(*) from events where tenant_id = 'kaolack' and event_type = 'member-registered'"));
        Assert.Equal(HttpStatusCode.NotFound, (await kaolack.PostAsync("/api/collectors/no-such-collector/households",
            File("no-such-collector", "Astou Faye"))).StatusCode);
    }
}
