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
}
