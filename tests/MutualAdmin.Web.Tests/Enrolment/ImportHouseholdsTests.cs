using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Testing;
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

    [Fact]
    public async Task E_10_valid_households_are_registered_bad_rows_reported_and_a_re_upload_registers_nobody_twice()
    {
        await Mutual("kaolack");
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
    public async Task E_10_the_report_comes_as_csv_and_progress_is_visible_by_import_id()
    {
        await Mutual("kaolack");
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

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!Directory.Exists(Path.Combine(dir!.FullName, "seeds"))) dir = dir.Parent;
        return dir.FullName;
    }

    [Fact]
    public async Task E_10_a_file_without_the_expected_header_is_a_400()
    {
        await Mutual("kaolack");
        var response = await (await SignedIn("enrolment-officer@kaolack")).PostAsync("/api/collectors/coop-saloum/households", Csv("a,b,c\n1,2,3\n"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
