using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Enrolment;

/// <summary>
/// Changes to a registered household from its page: a detail corrected with a reason (E-1, A-1) and
/// an affiliation terminated (E-9), each first refused by the server with its reason next to the field.
/// </summary>
public sealed class MemberChangesTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task An_officer_corrects_a_misspelt_name_with_a_reason_the_server_requires()
    {
        var household = await Households.Register(Host, "Aissatou Diuof");

        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Page.GotoAsync($"/members/{household}");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Aissatou Diuof");
        await Assertions.Expect(Test("open-terminate")).ToHaveCountAsync(0); // managers only
        await Test("correct-person").SelectOptionAsync(new SelectOptionValue { Label = await PersonLabel("Aissatou Diuof") });
        await Test("correct-fullName").FillAsync("Aissatou Diouf");
        await Test("correct").ClickAsync();
        await Assertions.Expect(Test("error-reason")).ToHaveTextAsync("Required.");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Aissatou Diuof");

        await Test("correct-reason").FillAsync("name misspelt at registration, as on her ID card");
        await Test("correct").ClickAsync();
        await Assertions.Expect(Test("done")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Aissatou Diouf");
        await Assertions.Expect(Test("error-reason")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_manager_excludes_an_affiliation_for_fraud_once_a_reason_is_given()
    {
        var affiliated = await Households.Affiliate(Host, "Coumba Gaye");

        await SignIn($"cheikh.manager@{Thies}");
        await Page.GotoAsync($"/members/{affiliated.Household}");
        await Assertions.Expect(Test("affiliation-status")).ToHaveTextAsync("Pending");
        await Test("open-terminate").ClickAsync();
        await Test("terminate-cause").SelectOptionAsync("fraud");
        await Test("terminate").ClickAsync();
        await Assertions.Expect(Test("error-reason")).ToHaveTextAsync("State the reason.");
        await Assertions.Expect(Test("affiliation-status")).ToHaveTextAsync("Pending");

        await Test("terminate-reason").FillAsync("the same person enrolled twice under two names");
        await Test("terminate").ClickAsync();
        await Assertions.Expect(Test("affiliation-status")).ToHaveTextAsync("Terminated");
        await Assertions.Expect(Test("open-terminate")).ToHaveCountAsync(0);
    }

    /// <summary>The option text: beneficiary number then name, so the test picks by what it ends with.</summary>
    private async Task<string> PersonLabel(string name) =>
        (await Test("correct-person").Locator("option").AllTextContentsAsync()).Single(o => o.EndsWith(name, StringComparison.Ordinal));
}
