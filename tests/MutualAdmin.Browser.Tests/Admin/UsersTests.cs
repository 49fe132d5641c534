using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Admin;

public sealed class UsersTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task An_administrator_adds_a_french_speaking_cashier_who_then_signs_in_to_french_pages()
    {
        await SignIn($"modou.admin@{Thies}");
        await Test("nav-users").ClickAsync();
        await Assertions.Expect(Test("users").Locator("tbody tr")).ToHaveCountAsync(7);

        await Test("new-username").FillAsync($"binta.cashier@{Thies}");
        await Test("new-name").FillAsync("Binta Sène");
        await Test("new-password").FillAsync("short");
        await Page.GetByLabel("cashier", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create the user" }).ClickAsync();
        await Assertions.Expect(Test("error-password")).ToHaveTextAsync("must be at least 10 characters");

        await Test("new-password").FillAsync(Host.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create the user" }).ClickAsync();
        await Assertions.Expect(Test("users").Locator("tbody tr")).ToHaveCountAsync(8);

        await SignOut();
        await SignIn($"binta.cashier@{Thies}");
        await Assertions.Expect(Test("nav-arrears")).ToHaveTextAsync("Arriérés");
        await Assertions.Expect(Test("nav-users")).ToHaveCountAsync(0);
    }
}
