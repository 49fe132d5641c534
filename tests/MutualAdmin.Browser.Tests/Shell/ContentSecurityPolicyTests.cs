using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Shell;

/// <summary>
/// Issue 22 §8: the UI's pages come with a Content-Security-Policy, and the Blazor circuit and
/// Radzen's components and charts work under it (BrowserTest fails any test whose page breaks it).
/// </summary>
public sealed class ContentSecurityPolicyTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task The_pages_carry_a_policy_and_the_circuit_and_charts_work_under_it()
    {
        var page = await Page.GotoAsync("/sign-in");
        var policy = await page!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Equal("nosniff", await page.HeaderValueAsync("x-content-type-options"));

        await SignIn($"cheikh.manager@{Thies}");
        await Test("nav-dashboard").ClickAsync();
        await Assertions.Expect(Test("dashboard-loaded")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator(".rz-chart").First).ToBeVisibleAsync();
        await Test("nav-members").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members$"));
        Assert.Empty(PolicyViolations);

        // And it holds: a script injected into the page does not run, and the browser says why.
        await Page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.appendChild(s); }");
        Assert.False(await Page.EvaluateAsync<bool>("() => window.injected === true"));
        Assert.Contains(PolicyViolations, v => v.Contains("script-src", StringComparison.Ordinal));
        PolicyViolations.Clear();
    }
}
