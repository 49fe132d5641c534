using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Shell;

/// <summary>Each role sees the mutual's name and exactly the links to what its role may use.</summary>
public sealed class NavigationByRoleTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    private static readonly string[] Everything =
        ["members", "register", "import", "arrears", "remittances", "claims", "claim-entry", "batches", "dashboard", "reports", "audit", "users", "projections", "webhooks", "api-clients"];

    public static TheoryData<string, string[]> Roles => new()
    {
        { "fatou.enrolment-officer", ["members", "register", "import"] },
        { "awa.cashier", ["members", "arrears", "remittances"] },
        { "ibrahima.claims-officer", ["members", "claims", "claim-entry", "batches"] },
        { "aminata.medical-reviewer", ["members", "claims", "batches"] },
        { "cheikh.manager", ["members", "register", "import", "arrears", "remittances", "claims", "claim-entry", "batches", "dashboard", "reports", "audit", "users", "projections"] },
        { "khady.auditor", ["members", "arrears", "remittances", "claims", "batches", "dashboard", "reports", "audit", "projections"] },
        { "modou.admin", ["users", "projections"] }, // the Fund's webhooks serve every mutual: the platform administrator's (issue 22)
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task A_role_sees_only_the_navigation_it_may_use(string user, string[] links)
    {
        await SignIn($"{user}@{Thies}");

        await Assertions.Expect(Test("tenant-name")).ToHaveTextAsync("Mutuelle de santé communautaire de Thiès");
        foreach (var link in Everything)
            await Assertions.Expect(Test($"nav-{link}")).ToHaveCountAsync(links.Contains(link) ? 1 : 0);
    }

    [Fact]
    public async Task The_platform_administrator_sees_the_shared_machinery_and_no_mutuals_work()
    {
        await SignIn("root.admin@platform");

        await Assertions.Expect(Test("tenant-name")).ToHaveTextAsync("Platform administration");
        foreach (var link in Everything)
            await Assertions.Expect(Test($"nav-{link}")).ToHaveCountAsync(link is "projections" or "webhooks" or "api-clients" ? 1 : 0);
    }

    [Fact]
    public async Task A_page_the_role_may_not_use_is_refused_and_a_stranger_is_sent_to_sign_in()
    {
        await Page.GotoAsync("/reports");
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in$"));

        await SignIn($"awa.cashier@{Thies}");
        await Page.GotoAsync("/reports");
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your role does not give access");
    }

    [Fact]
    public async Task An_auditor_sees_each_projection_s_checkpoint_and_lag()
    {
        await SignIn($"khady.auditor@{Thies}");
        await Test("nav-projections").ClickAsync();
        await Assertions.Expect(Test("projections").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Rebuild" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_sign_in_page()
    {
        await Page.GotoAsync("/sign-in");
        await Page.Locator("#username").FillAsync($"awa.cashier@{Thies}");
        await Page.Locator("#password").FillAsync("not the password");
        await Page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Unknown user or wrong password.");
    }

    [Fact]
    public async Task An_empty_sign_in_says_what_is_missing_rather_than_a_wrong_password()
    {
        await Page.GotoAsync("/sign-in");
        await Page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Enter your username and your password.");
    }

    [Fact]
    public async Task One_menu_item_is_highlighted_the_page_s_own()
    {
        await SignIn($"cheikh.manager@{Thies}");
        await Test("nav-register").ClickAsync();
        await Assertions.Expect(Test("navigation").Locator("a.active")).ToHaveCountAsync(1);
        await Assertions.Expect(Test("nav-register")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("active"));
    }
}
