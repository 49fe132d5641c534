using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Shell;

/// <summary>
/// Every page each role can reach fits a laptop and a phone without scrolling sideways; on the phone
/// the navigation is a drawer and sign-out stays on screen (issue 25, problem 3). Each role's main page
/// is photographed at both sizes into <see cref="Screens.Folder"/>, and every page passes the axe
/// accessibility check with no serious or critical violation.
/// </summary>
public sealed partial class ScreenSizeTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    public static TheoryData<string, string, string> Roles()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var size in new[] { Screens.Laptop, Screens.Phone })
            foreach (var (user, main) in new[]
            {
                ("fatou.enrolment-officer", "members/new"), ("awa.cashier", "contributions/arrears"), ("ibrahima.claims-officer", "claims/new"),
                ("aminata.medical-reviewer", "claims"), ("cheikh.manager", "dashboard"), ("khady.auditor", "audit"), ("modou.admin", "admin/users"),
            })
                data.Add(user, main, size.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_of_a_role_fits_the_screen(string user, string mainPage, string sizeName)
    {
        var size = Screens.Named(sizeName);
        var affiliated = await Households.Affiliate(Host, $"Ndèye Screen {user[..4]} {sizeName}");
        await Page.SetViewportSizeAsync(size.Width, size.Height);
        await SignIn($"{user}@{Thies}");

        if (size == Screens.Phone)
        {
            await Assertions.Expect(Test("navigation")).ToBeHiddenAsync();
            await Test("menu").ClickAsync();
        }
        await Assertions.Expect(Test("navigation")).ToBeVisibleAsync();
        var pages = (await Test("navigation").Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")).ToList();
        if (await Test("nav-members").CountAsync() > 0) pages.Add($"members/{affiliated.Household}");
        if (user is "awa.cashier" or "cheikh.manager" or "khady.auditor") pages.Add($"affiliations/{affiliated.Affiliation}/account");
        if (user is "awa.cashier" or "cheikh.manager") pages.Add($"affiliations/{affiliated.Affiliation}/payment");
        pages.Add("account/password");

        var tooWide = new List<string>();
        var inaccessible = new List<string>();
        foreach (var page in pages.Distinct())
        {
            await Page.GotoAsync("/" + page);
            await Screens.Settled(Page);
            if (await Screens.Overflow(Page) is > 0 and var over) tooWide.Add($"/{page} by {over}px");
            var signOut = await Test("sign-out").BoundingBoxAsync();
            Assert.True(signOut is not null && signOut.X + signOut.Width <= size.Width, $"sign-out is off screen on /{page}");
            if (page == mainPage) await Screens.Shoot(Page, $"{user}-{size.Name}");
            var text = await Page.Locator("body").InnerTextAsync();
            if (Enrolment.FormErrorsTests.RuleCode().Match(text) is { Success: true } code) inaccessible.Add($"/{page}: rule code \"{code.Value}\" shown");
            if (ResourceKey().Match(text) is { Success: true } key) inaccessible.Add($"/{page}: resource key \"{key.Value}\" shown");
            var axe = await Page.RunAxe();
            inaccessible.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"/{page}: {v.Id} ({v.Impact}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }
        Assert.True(inaccessible.Count == 0, $"accessibility violations, codes or keys shown:\n{string.Join("\n", inaccessible)}");
        Assert.True(tooWide.Count == 0, $"pages wider than {size.Width}px: {string.Join(", ", tooWide)}");

        if (size == Screens.Phone)
        {
            // A link chosen in the drawer closes it, so the page it opens is not hidden under the menu.
            await Test("menu").ClickAsync();
            await Test("navigation").Locator("a").Last.ClickAsync();
            await Assertions.Expect(Test("navigation")).ToBeHiddenAsync();
        }
    }

    /// <summary>A text the resources lack shows its key ("Occupation.fishing", "Nav.Members").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b[A-Z][A-Za-z]+\.[A-Za-z][\w-]*[A-Za-z]\b")]
    private static partial System.Text.RegularExpressions.Regex ResourceKey();
}
