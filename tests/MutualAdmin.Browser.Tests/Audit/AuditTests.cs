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

        await Test("verify").ClickAsync();
        await Assertions.Expect(Test("verification-state")).ToHaveAttributeAsync("data-state", "passed", new() { Timeout = 60_000 });
    }
}
