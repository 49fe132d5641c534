using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Domain;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Enrolment.Importing;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Tests.Enrolment;

public sealed class ImportHouseholdsTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private const string Header = "collector_ref,external_member_ref,role,household_ref,full_name,sex,birth_date,birth_year_estimated,phone,region,district,commune,occupation,national_id,subsidy_category,student,registry_reference";

    private static readonly string File = string.Join('\n', Header,
        "coop-saloum,A-01,member,A,Mamadou Diouf,M,1978-03-14,false,+221771234501,Kaolack,Nioro du Rip,Paoskoto,agriculture,148219780,standard,false,",
        "coop-saloum,A-02,spouse,A,Aminata Sarr,F,1984-07-02,false,,Kaolack,Nioro du Rip,Paoskoto,,248219840,standard,false,",
        "coop-saloum,B-01,member,B,Ousmane Ba,M,1970-01-01,false,,Kaolack,Nioro du Rip,Paoskoto,agriculture,,standard,false,",
        "coop-saloum,B-02,child,B,Awa Ba,X,2012-05-05,false,,Kaolack,Nioro du Rip,Paoskoto,,,standard,false,",
        "coop-saloum,C-01,member,C,Ibrahima Fall,M,1975-02-31,false,,Kaolack,Nioro du Rip,Paoskoto,agriculture,,standard,false,",
        "coop-saloum,D-01,member,D,Khady Ndiaye,F,1980,true,,Kaolack,Nioro du Rip,Paoskoto,trade,,none,false,") + "\n";

    private static HttpContent Csv(string text) => new StringContent(text, Encoding.UTF8, "text/csv");

    /// <summary>Kaolack with its collector: files are imported only for a collector of the mutual.</summary>
    private async Task Kaolack()
    {
        await Mutual("kaolack");
        await ImportTenancyTests.Collector(Service<MutualAdmin.Web.Reference.ReferenceData>(), "kaolack", "coop-saloum");
    }

    [Fact]
    public async Task E_10_valid_households_are_registered_bad_rows_reported_and_a_re_upload_registers_nobody_twice()
    {
        await Kaolack();
        var officer = await SignedIn("enrolment-officer@kaolack");

        var first = await Json(await officer.PostAsync("/api/collectors/coop-saloum/households", Csv(File)));
        Assert.Equal(2, first.GetProperty("householdsRegistered").GetInt64());
        Assert.Equal(3, first.GetProperty("rowsRegistered").GetInt64());
        Assert.Equal(3, first.GetProperty("rowsRejected").GetInt64());
        var problems = first.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("field").GetString())).ToList();
        Assert.Equal([(5, "dependants[0].sex"), (6, "birth_date")], problems);

        var again = await officer.PostAsync("/api/collectors/coop-saloum/households", Csv(File));
        var second = await Json(again);
        Assert.Equal(0, second.GetProperty("householdsRegistered").GetInt64());
        Assert.Equal(3, second.GetProperty("rowsAlreadyRegistered").GetInt64());
        Assert.Equal(2, await Scalar("select count(*) from events where event_type = 'member-registered'"));
    }

    [Fact]
    public async Task E_1_E_10_impossible_births_and_poisoned_or_endless_text_are_reported_by_row_and_field_and_not_registered()
    {
        await Kaolack();
        var officer = await SignedIn("enrolment-officer@kaolack");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Row(string reference, string role, string household, string name, string birth, bool estimated = false) =>
            $"coop-saloum,{reference},{role},{household},{name},F,{birth},{(estimated ? "true" : "false")},,Kaolack,Nioro du Rip,Paoskoto,{(role == "member" ? "trade" : "")},,standard,false,";
        var file = string.Join('\n', Header,
            Row("E-01", "member", "E", "Awa Demain", $"{today.AddDays(1):yyyy-MM-dd}"),
            Row("F-01", "member", "F", "Nul\u0000Name", "1980-01-01"),
            Row("G-01", "member", "G", "Khady Long", "1980-01-01"),
            Row("G-02", "child", "G", new string('a', 201), "2015-01-01"),
            Row("H-01", "member", "H", "Aida Ancienne", $"{today.Year - 121}", estimated: true),
            Row("I-01", "member", "I", "Rama Juste", "1980-01-01")) + "\n";

        var report = await Json(await officer.PostAsync("/api/collectors/coop-saloum/households", Csv(file)));

        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("field").GetString(), p.GetProperty("reason").GetString()!.Split(':')[0])).OrderBy(p => p.Item1).ToList();
        Assert.Equal([(2, "member.birthDate", "E-1 BIRTH_DATE_INVALID"), (3, "full_name", "TEXT_CONTROL_CHARACTER"), (5, "full_name", "TEXT_TOO_LONG"),
            (6, "member.birthYear", "E-1 BIRTH_YEAR_INVALID")], problems);
        Assert.Equal(1, report.GetProperty("householdsRegistered").GetInt64());
        Assert.Equal(1, await Scalar("select count(*) from events where event_type = 'member-registered'"));
    }

    [Fact]
    public async Task E_10_the_report_comes_as_csv_and_progress_is_visible_by_import_id()
    {
        await Kaolack();
        var officer = await SignedIn("enrolment-officer@kaolack");
        var importId = Guid.NewGuid();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/collectors/coop-saloum/households?importId={importId}") { Content = Csv(File) };
        request.Headers.Accept.ParseAdd("text/csv");

        var report = await (await officer.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.StartsWith("row,field,reason", report);
        Assert.Contains("\n5,dependants[0].sex,", report);
        var progress = await Json(await officer.GetAsync($"/api/imports/{importId}"));
        Assert.True(progress.GetProperty("finished").GetBoolean());
        Assert.Equal(6, progress.GetProperty("rowsDone").GetInt64());
    }

    [Fact]
    public async Task E_10_the_import_verb_registers_the_sample_file_of_the_seeds()
    {
        await Mutual("kaolack");
        var sample = Path.Combine(RepositoryRoot(), "seeds", "households-sample.csv");
        var connectionString = Factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("MutualAdmin");
        Environment.SetEnvironmentVariable("ConnectionStrings__MutualAdmin", connectionString);
        string[] args = ["import", "--tenant", "kaolack", "--collector", "coop-saloum", sample];
        try
        {
            Assert.Equal(0, await Cli.Build(args).Parse(args).InvokeAsync());
        }
        finally
        {
            Environment.SetEnvironmentVariable("ConnectionStrings__MutualAdmin", null);
        }
        Assert.True(await Scalar("select count(*) from events where event_type = 'member-registered'") > 0);
    }

    /// <summary>Households of one member each (one batch holds <paramref name="perBatch"/>), the nth with national ID SN-IMP-n.</summary>
    private static string Members(int count, params string[] extra) => string.Join('\n', [Header, .. Enumerable.Range(1, count).Select(i =>
        $"coop-saloum,M-{i},member,H{i},Membre Numero {i},F,{1960 + i % 40}-0{1 + i % 9}-1{i % 10},false,,Kaolack,Nioro du Rip,Paoskoto,trade,SN-IMP-{i},standard,false,"), .. extra]) + "\n";

    private Task<ImportReport> Import(string tenant, string file, int perBatch) =>
        Service<CollectiveImport>().Run("coop-saloum", new StringReader(file), EventMetadata.System(tenant, "import-households"), Guid.NewGuid(),
            default, perBatch);

    [Fact]
    public async Task E_4_E_10_a_national_id_held_by_another_mutual_rejects_only_its_household_of_the_batch()
    {
        await Mutual("thies");
        await Mutual("kaolack");
        Assert.Equal(HttpStatusCode.Created, (await Register(await SignedIn("enrolment-officer@thies"), Household(Person("Awa Diop", "sn imp 3")))).StatusCode);

        var report = await Import("kaolack", Members(5), perBatch: 50);

        Assert.Equal(4, report.HouseholdsRegistered);
        var problem = Assert.Single(report.Problems);
        Assert.Equal((4, "member.nationalId"), (problem.Row, problem.Field));
        Assert.StartsWith("E-4 NATIONAL_ID_ALREADY_REGISTERED", problem.Reason);
        Assert.DoesNotContain("thies", problem.Reason);
        Assert.Equal(4, await Scalar("select count(*) from events where tenant_id = 'kaolack' and event_type = 'member-registered'"));
    }

    [Fact]
    public async Task E_4_E_10_a_national_id_twice_in_one_file_registers_the_first_household_only()
    {
        await Mutual("kaolack");
        // Household H1 again (its ref repeated further down), and H7 with H2's national ID, in the same batch and in the next.
        var file = Members(6,
            "coop-saloum,M-1,member,H1,Membre Numero 1,F,1961-02-11,false,,Kaolack,Nioro du Rip,Paoskoto,trade,SN-IMP-1,standard,false,",
            "coop-saloum,M-7,member,H7,Autre Personne,M,1990-01-01,false,,Kaolack,Nioro du Rip,Paoskoto,trade,SN-IMP-2,standard,false,");

        var report = await Import("kaolack", file, perBatch: 4);

        Assert.Equal(6, report.HouseholdsRegistered);
        Assert.Equal(1, report.RowsAlreadyRegistered);
        Assert.Equal((9, "member.nationalId"), (Assert.Single(report.Problems).Row, report.Problems[0].Field));
        Assert.Equal(6, await Scalar("select count(*) from national_ids where tenant_id = 'kaolack'"));
    }

    [Fact]
    public async Task E_10_a_re_upload_in_several_batches_registers_nobody_twice()
    {
        await Mutual("kaolack");
        var first = await Import("kaolack", Members(7), perBatch: 3);
        var again = await Import("kaolack", Members(9), perBatch: 2);

        Assert.Equal((7, 2), (first.HouseholdsRegistered, again.HouseholdsRegistered));
        Assert.Equal(7, again.RowsAlreadyRegistered);
        Assert.True(again.Finished);
        Assert.Equal(9, again.RowsDone);
        Assert.Equal(9, await Scalar("select count(*) from events where tenant_id = 'kaolack' and event_type = 'member-registered'"));
        Assert.Equal(9, await Scalar("select count(*) from streams where tenant_id = 'kaolack'"));
    }

    [Fact]
    public async Task E_10_a_re_upload_finds_a_household_registered_whose_people_were_corrected_since()
    {
        await Mutual("kaolack");
        await Import("kaolack", Members(3), perBatch: 10);
        var officer = await SignedIn("enrolment-officer@kaolack");
        // H2's only person gets another name and national ID: the file's row no longer matches anyone known.
        var household = StableId.From("household", "coop-saloum", "H2");
        var person = (await Json(await officer.GetAsync($"/api/members/{household}"))).GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid();
        var corrected = await officer.PostAsJsonAsync($"/api/members/{household}/people/{person}/correction",
            new { reason = "name and card re-read", fullName = "Autre Nom", nationalId = "SN-NEW-2" });
        Assert.Equal(HttpStatusCode.NoContent, corrected.StatusCode);

        var again = await Import("kaolack", Members(3), perBatch: 10);

        Assert.Equal((0, 3), (again.HouseholdsRegistered, again.RowsAlreadyRegistered));
        Assert.Empty(again.Problems);
        Assert.Equal(3, await Scalar("select count(*) from events where tenant_id = 'kaolack' and event_type = 'member-registered'"));
    }

    [Fact]
    public async Task E_10_two_uploads_of_one_file_at_once_register_each_household_once()
    {
        await Mutual("kaolack");
        var file = Members(40);

        var reports = await Task.WhenAll(Import("kaolack", file, perBatch: 5), Import("kaolack", file, perBatch: 5));

        Assert.Equal(40, reports.Sum(r => r.HouseholdsRegistered));
        Assert.All(reports, r => Assert.Equal(40, r.RowsRegistered + r.RowsAlreadyRegistered));
        Assert.All(reports, r => Assert.Empty(r.Problems));
        Assert.Equal(40, await Scalar("select count(*) from events where tenant_id = 'kaolack' and event_type = 'member-registered'"));
        Assert.Equal(40, await Scalar("select count(*) from national_ids where tenant_id = 'kaolack'"));
        Assert.True((await Service<EventStore.EventStore>().VerifyChain("kaolack")).Intact);
    }

    [Fact]
    public async Task E_10_bulk_imported_people_are_in_the_eligibility_index_the_member_register_and_the_hash_chain()
    {
        await Mutual("kaolack");
        var officer = await SignedIn("enrolment-officer@kaolack");
        Assert.Equal(HttpStatusCode.Created, (await Register(officer, Household(Person("Avant Import", "SN-AVANT")))).StatusCode);

        var report = await Import("kaolack", File, perBatch: 2);
        Assert.Equal(2, report.HouseholdsRegistered);
        Assert.Equal(HttpStatusCode.Created, (await Register(officer, Household(Person("Apres Import", "SN-APRES")))).StatusCode);

        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        var found = (await Json(await officer.GetAsync("/api/members?nationalId=248219840"))).GetProperty("items");
        Assert.Equal("Aminata Sarr", Assert.Single(found.EnumerateArray()).GetProperty("fullName").GetString());
        var number = found[0].GetProperty("beneficiaryNumber").GetString();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var eligibility = await Json(await officer.GetAsync($"/api/eligibility?beneficiary={number}&date={today:yyyy-MM-dd}"));
        Assert.Equal("not-affiliated", eligibility.GetProperty("state").GetString());

        // The imported household goes on through the counter's path: an affiliation reaches its index rows.
        Assert.Equal(1 + 3 + 1, await Scalar("select count(*) from eligibility_beneficiaries where tenant_id = 'kaolack'"));
        var member = (await Json(await officer.GetAsync("/api/members?nationalId=148219780"))).GetProperty("items")[0];
        var id = member.GetProperty("householdId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync($"/api/members/{id}/affiliations",
            new { channel = "individual", paymentPlan = "annual" })).StatusCode);
        Assert.Equal(1, await Scalar("select count(*) from household_affiliations where tenant_id = 'kaolack'"));

        var chain = await Service<EventStore.EventStore>().VerifyChain("kaolack");
        Assert.True(chain.Intact, chain.FirstBreak?.Reason);
        Assert.Equal(await Scalar("select count(*) from events where tenant_id = 'kaolack'"), chain.EventsChecked);
        Assert.Equal(0, await Scalar("select count(*) from events where data::text like '%Aminata%' or data::text like '%248219840%'"));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(dir!.FullName, "seeds"))) dir = dir.Parent;
        return dir.FullName;
    }

    [Fact]
    public async Task E_10_a_file_without_the_expected_header_is_a_400()
    {
        await Kaolack();
        var response = await (await SignedIn("enrolment-officer@kaolack")).PostAsync("/api/collectors/coop-saloum/households", Csv("a,b,c\n1,2,3\n"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
