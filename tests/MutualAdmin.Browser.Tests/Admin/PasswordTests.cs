using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Admin;

/// <summary>Issue 22 §5: a new password ends the user's other sessions (their cookies) at once.</summary>
public sealed class PasswordTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    private readonly Chromium browsers = chromium;

    [Fact]
    public async Task A_user_changes_their_password_and_their_session_in_another_browser_ends()
    {
        const string fresh = "Une-nouvelle-phrase-2026";
        var user = $"awa.cashier@{Thies}";
        await using var other = await browsers.Browser.NewContextAsync(new() { BaseURL = Host.Address.ToString() });
        var elsewhere = await other.NewPageAsync();
        await SignInOn(elsewhere, user, Host.Password);
        await SignIn(user);

        await Test("nav-password").ClickAsync();
        await Test("current-password").FillAsync(Host.Password);
        await Test("new-password").FillAsync("short");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change the password" }).ClickAsync();
        await Assertions.Expect(Test("error-newPassword")).ToBeVisibleAsync();
        await Test("new-password").FillAsync(fresh);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change the password" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));

        await elsewhere.ReloadAsync();
        await Assertions.Expect(elsewhere).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        await SignInOn(Page, user, fresh);
    }

    private static async Task SignInOn(IPage page, string username, string password)
    {
        await page.GotoAsync("/sign-in");
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=tenant-name]")).Not.ToBeEmptyAsync();
    }
}
