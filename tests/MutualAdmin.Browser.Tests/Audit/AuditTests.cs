using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Audit;

public sealed class AuditTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task An_auditor_reads_who_did_what_to_a_household_and_verifies_the_log()
    {
        var a = await Households.Affiliate(Host, "Ndeye Fatou Mbaye");
        await SignIn($"khady.auditor@{Thies}");
        await Page.GotoAsync($"/members/{a.Household}");
        await Test("member-history").ClickAsync();

        var first = Test("history").Locator("tbody tr").First;
        await Assertions.Expect(first).ToContainTextAsync("member-registered");
        await Assertions.Expect(first).ToContainTextAsync("register-household");
        await Assertions.Expect(first).ToContainTextAsync("enrolment-officer");

        // as of now the household is at its registration (version 1); before it existed, there is nothing.
        await Test("audit-as-of").FillAsync(DateTime.Now.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm"));
        await Test("show-as-of").ClickAsync();
        await Assertions.Expect(Test("as-of-version")).ToHaveTextAsync("1");
        await Assertions.Expect(Test("record-as-of")).ToContainTextAsync("\"occupationCategory\": \"fishing\"");
        await Test("audit-as-of").FillAsync("2020-01-01T00:00");
        await Test("show-as-of").ClickAsync();
        await Assertions.Expect(Test("problem")).ToBeVisibleAsync();

        // The affiliation moved from requested to approved: its two versions differ.
        await Page.GotoAsync($"/audit/affiliations/{a.Affiliation}");
        await Test("show-changes").ClickAsync();
        await Assertions.Expect(Test("changes").Locator("tbody tr")).Not.ToHaveCountAsync(0);

        // The month's log for external auditors, one event per line with its chain hash.
        var download = await Page.RunAndWaitForDownloadAsync(() => Test("export").ClickAsync());
        var lines = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Contains(lines, l => l.Contains("\"member-registered\"", StringComparison.Ordinal) && l.Contains("\"hash\"", StringComparison.Ordinal));

        await Test("verify").ClickAsync();
        await Assertions.Expect(Test("verification-state")).ToHaveAttributeAsync("data-state", "passed", new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task A_manager_erases_a_persons_data_and_the_log_still_verifies()
    {
        var a = await Households.Affiliate(Host, "Penda Erasure");
        await SignIn($"cheikh.manager@{Thies}");
        await Page.GotoAsync($"/members/{a.Household}");
        await Assertions.Expect(Test("beneficiaries")).ToContainTextAsync("Penda Erasure");

        await Test("erase-person").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Test("erase-reason").FillAsync("retention period over");
        await Test("erase").ClickAsync();
        await Assertions.Expect(Test("beneficiaries")).Not.ToContainTextAsync("Penda Erasure");

        await Page.GotoAsync("/audit");
        await Test("verify").ClickAsync();
        await Assertions.Expect(Test("verification-state")).ToHaveAttributeAsync("data-state", "passed", new() { Timeout = 60_000 });
    }
}
