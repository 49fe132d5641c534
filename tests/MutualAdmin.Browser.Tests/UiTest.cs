using Microsoft.Playwright;

namespace MutualAdmin.Browser.Tests;

/// <summary>
/// A test in its own browser context against the class's host. A failing test leaves a screenshot
/// of the page in TestResults/screenshots, named after the test.
/// </summary>
public abstract class UiTest(UiHost host, Chromium chromium) : BrowserTest(host, chromium), IClassFixture<UiHost>;

/// <summary>The browser side of a test, on whichever kind of host its class shares.</summary>
public abstract class BrowserTest(UiHost host, Chromium chromium) : IAsyncLifetime
{
    protected UiHost Host => host;
    private IBrowserContext? context;

    protected IPage Page { get; private set; } = null!;

    /// <summary>What the browser refused under the host's Content-Security-Policy (its console says so); any fails the test.</summary>
    protected System.Collections.Concurrent.ConcurrentQueue<string> PolicyViolations { get; } = new();

    public virtual async ValueTask InitializeAsync()
    {
        context = await chromium.Browser.NewContextAsync(new() { BaseURL = host.Address.ToString(), AcceptDownloads = true });
        context.SetDefaultTimeout(30_000);
        Page = await context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) PolicyViolations.Enqueue(message.Text);
        };
    }

    /// <summary>Signs in through the sign-in page and waits until the shell shows the mutual's name.</summary>
    protected async Task SignIn(string username)
    {
        await Page.GotoAsync("/sign-in");
        await Page.Locator("#username").FillAsync(username);
        await Page.Locator("#password").FillAsync(host.Password);
        await Page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-test=tenant-name]")).Not.ToBeEmptyAsync();
    }

    /// <summary>Signs out from the shell's button and waits for the sign-in page it leads to.</summary>
    protected async Task SignOut()
    {
        await Test("sign-out").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in$"));
    }

    protected ILocator Test(string id) => Page.Locator($"[data-test={id}]");

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed && Page is not null)
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            var name = string.Concat((TestContext.Current.Test?.TestDisplayName ?? "test").Select(c => char.IsLetterOrDigit(c) ? c : '_'));
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
        if (context is not null) await context.DisposeAsync();
        Assert.True(PolicyViolations.IsEmpty, $"the page broke its Content-Security-Policy:\n{string.Join("\n", PolicyViolations)}");
    }
}
