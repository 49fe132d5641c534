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
