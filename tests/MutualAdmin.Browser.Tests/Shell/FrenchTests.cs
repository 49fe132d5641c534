using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Shell;

/// <summary>The UI speaks the signed-in user's language (their profile's, from GET /api/me).</summary>
public sealed class FrenchTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task A_french_speaking_cashier_reads_french_texts_and_an_english_speaking_one_english()
    {
        await SignIn($"ousmane.cashier@{Kaolack}");
        await Assertions.Expect(Test("tenant-name")).ToHaveTextAsync("Mutuelle de santé du Saloum");
        await Assertions.Expect(Test("sign-out")).ToHaveTextAsync("Se déconnecter");
        await Assertions.Expect(Test("nav-arrears")).ToHaveTextAsync("Arriérés");
        await Test("nav-arrears").ClickAsync();
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("Arriérés");

        await SignOut();
        await SignIn($"awa.cashier@{Thies}");
        await Assertions.Expect(Test("sign-out")).ToHaveTextAsync("Sign out");
        await Assertions.Expect(Test("nav-arrears")).ToHaveTextAsync("Arrears");
    }

    /// <summary>English words of the UI's lists and messages that a French page must not show (issue 25, problem 6).</summary>
    private static readonly string[] English = ["Fishing", "Trade", "Required.", "Sign out", "Members", "Member", "Name", "Birth date", "Female"];

    [Fact]
    public async Task An_officer_switches_to_french_from_the_shell_keeps_it_on_her_profile_and_reads_dates_day_first_in_both()
    {
        var household = await Households.Register(Host, "Binta Langue");
        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Page.GotoAsync($"/members/{household}");
        await Assertions.Expect(Test("beneficiaries")).ToContainTextAsync("09/03/1984"); // not 3/9/1984

        await Test("language").SelectOptionAsync("fr");
        await Assertions.Expect(Test("sign-out")).ToHaveTextAsync("Se déconnecter");
        await SignOut();
        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Assertions.Expect(Test("sign-out")).ToHaveTextAsync("Se déconnecter");

        await Page.GotoAsync($"/members/{household}");
        await Assertions.Expect(Test("beneficiaries")).ToContainTextAsync("09/03/1984");
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Pêche");
        await NoEnglish();
        await Test("nav-register").ClickAsync();
        await Test("register").ClickAsync();
        await Assertions.Expect(Test("error-member\\.fullName")).ToHaveTextAsync("Obligatoire.");
        await NoEnglish();
    }

    private async Task NoEnglish()
    {
        var words = (await Page.Locator("body").InnerTextAsync()).Split([' ', '\n', '\t', '·', ',', ':'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = await Page.Locator("body").InnerTextAsync();
        var found = English.Where(e => e.Contains(' ') ? text.Contains(e, StringComparison.Ordinal) : words.Contains(e, StringComparer.Ordinal)).ToList();
        Assert.True(found.Count == 0, $"English on a French page ({Page.Url}): {string.Join(", ", found)}");
    }
}
