using Microsoft.Playwright;
using MutualAdmin.EventStore.Projections;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Enrolment;

public sealed class RegisterHouseholdTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task An_officer_registers_a_household_with_a_dependant_sees_the_server_s_reasons_inline_and_finds_it_by_search()
    {
        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Test("nav-register").ClickAsync();

        // Sent without the member's name: the server's problem details name the field, shown next to it.
        await Test("member-sex").SelectOptionAsync("F");
        await Test("member-birthDate").FillAsync("1979-11-02");
        await Test("locality-region").FillAsync("Thiès");
        await Test("locality-district").FillAsync("Mbour");
        await Test("locality-commune").FillAsync("Joal-Fadiouth");
        await Test("occupation").SelectOptionAsync("fishing");
        await Test("add-dependant").ClickAsync();
        await Test("dependants\\[0\\]-fullName").FillAsync("Mame Sokhna Ndour");
        await Test("dependants\\[0\\]-sex").SelectOptionAsync("F");
        await Test("dependants\\[0\\]-birthDate").FillAsync("2015-06-01");
        await Test("register").ClickAsync();
        await Assertions.Expect(Test("error-member\\.fullName")).Not.ToBeEmptyAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members/new$"));

        await Test("member-fullName").FillAsync("Ndeye Coumba Ndour");
        await Test("register").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members/[0-9a-f-]{36}\\?registered=true$"));
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Ndeye Coumba Ndour");
        await Assertions.Expect(Test("done")).ToHaveTextAsync("Household registered."); // issue 25: it said nothing
        await Assertions.Expect(Test("beneficiaries").Locator("tbody tr")).ToHaveCountAsync(2);

        // Search reads the member register, an asynchronous projection: let it catch up first.
        await Host.Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        await Test("nav-members").ClickAsync();
        await Test("search-name").FillAsync("Ndour");
        await Test("search").ClickAsync();
        var rows = Test("results").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("Mame Sokhna Ndour");
        await rows.GetByText("Ndeye Coumba Ndour").ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Ndeye Coumba Ndour");

        // A birth later on: the new child joins the household from its page.
        await Test("open-add-dependant").ClickAsync();
        await Test("dependant-fullName").FillAsync("Ibou Ndour");
        await Test("dependant-sex").SelectOptionAsync("M");
        await Test("dependant-birthDate").FillAsync(DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd"));
        await Test("add-dependant-save").ClickAsync();
        await Assertions.Expect(Test("beneficiaries").Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(Test("beneficiaries")).ToContainTextAsync("Ibou Ndour");
    }

    [Fact]
    public async Task E_3_a_child_born_before_the_member_is_shown_at_its_birth_date_and_registered_once_the_officer_confirms()
    {
        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Test("nav-register").ClickAsync();
        var today = DateTime.UtcNow;
        await Test("member-fullName").FillAsync("Astou Faye");
        await Test("member-sex").SelectOptionAsync("F");
        await Test("member-birthDate").FillAsync(today.AddYears(-19).ToString("yyyy-MM-dd"));
        await Test("locality-region").FillAsync("Thiès");
        await Test("locality-district").FillAsync("Mbour");
        await Test("locality-commune").FillAsync("Joal-Fadiouth");
        await Test("occupation").SelectOptionAsync("fishing");
        await Test("add-dependant").ClickAsync();
        await Test("dependants\\[0\\]-fullName").FillAsync("Omar Faye");
        await Test("dependants\\[0\\]-sex").SelectOptionAsync("M");
        await Test("dependants\\[0\\]-birthDate").FillAsync(today.AddYears(-19).AddMonths(-2).ToString("yyyy-MM-dd"));
        await Assertions.Expect(Test("confirm-child-older")).ToHaveCountAsync(0);
        await Test("register").ClickAsync();

        await Assertions.Expect(Test("error-dependants\\[0\\]\\.birthDate")).ToContainTextAsync("born before the household's member");
        await Test("confirm-child-older").CheckAsync();
        await Test("register").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members/[0-9a-f-]{36}\\?registered=true$"));
        await Assertions.Expect(Test("beneficiaries").Locator("tbody tr")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task An_officer_imports_a_collector_s_file_and_downloads_the_rejected_rows()
    {
        string[] rows =
        [
            "collector_ref,external_member_ref,role,household_ref,full_name,sex,birth_date,birth_year_estimated,phone,region,district,commune,occupation,national_id,subsidy_category,student,registry_reference",
            "coop-saloum,UI-1,member,H1,Babacar Thiam,M,1969-08-21,false,,Kaolack,Nioro du Rip,Paoskoto,agriculture,,standard,false,",
            "coop-saloum,UI-2,spouse,H1,Fatou Thiam,F,1975-01-30,false,,Kaolack,Nioro du Rip,Paoskoto,,,standard,false,",
            "coop-saloum,UI-3,member,H2,Lamine Cissé,M,1981-12-12,false,,Kaolack,Nioro du Rip,Paoskoto,trade,,standard,false,",
            "coop-saloum,UI-4,child,H2,Adama Cissé,Z,2014-04-04,false,,Kaolack,Nioro du Rip,Paoskoto,,,standard,false,",
        ];
        await SignIn($"mariama.enrolment-officer@{Kaolack}");
        await Test("nav-import").ClickAsync();
        await Test("collector").FillAsync("coop-saloum");
        await Test("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "saloum.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', rows) + "\n"),
        });
        await Test("start-import").ClickAsync();

        await Assertions.Expect(Test("import-summary")).ToHaveAttributeAsync("data-finished", "true");
        await Assertions.Expect(Test("households-registered")).ToHaveTextAsync("1");
        await Assertions.Expect(Test("rows-rejected")).ToHaveTextAsync("2");
        await Assertions.Expect(Test("import-problems")).ToContainTextAsync("dependants[0].sex");
        var download = await Page.RunAndWaitForDownloadAsync(() => Test("download-rejected").ClickAsync());
        var rejected = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Equal("row,field,reason", rejected[0]);
        Assert.Contains(rejected, line => line.Contains("\"dependants[0].sex\""));
    }
}
