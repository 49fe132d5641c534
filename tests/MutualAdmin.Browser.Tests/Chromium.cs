using Microsoft.Playwright;
using MutualAdmin.Browser.Tests;
using MutualAdmin.Testing;

[assembly: AssemblyFixture(typeof(TestCluster))]
[assembly: AssemblyFixture(typeof(Chromium))]

namespace MutualAdmin.Browser.Tests;

/// <summary>
/// One headless Chromium for the whole assembly: Debian's package (.ci/run installs it), not a
/// browser Playwright downloads, so the tests need no network. Each test opens its own context.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Generous limits, not waits: auto-waiting returns as soon as the page is right, and a CI machine
        // running every test assembly at once can take seconds to serve a page.
        Assertions.SetDefaultExpectTimeout(20_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}
