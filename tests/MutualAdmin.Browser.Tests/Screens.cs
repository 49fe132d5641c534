using Microsoft.Playwright;

namespace MutualAdmin.Browser.Tests;

/// <summary>
/// The two screens staff use (a laptop and a phone, issue 25), what a page must hold to at each, and
/// where tests leave pictures of the pages for a reviewer: artifacts/screens at the repository's root
/// (gitignored, named in the README).
/// </summary>
public static class Screens
{
    public sealed record Size(string Name, int Width, int Height)
    {
        public override string ToString() => Name;
    }

    public static readonly Size Laptop = new("laptop", 1366, 900), Phone = new("phone", 390, 844);

    public static Size Named(string name) => name == Phone.Name ? Phone : Laptop;

    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MutualAdmin.sln"))) dir = dir.Parent;
            var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screens");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>Waits until the page's content stops changing: the server renders data in after the first paint.</summary>
    public static async Task Settled(IPage page)
    {
        await Assertions.Expect(page.Locator("main h1").First).ToBeVisibleAsync();
        var before = "";
        for (var i = 0; i < 40; i++)
        {
            var now = await page.Locator("main").First.InnerHTMLAsync();
            if (now == before && !now.Contains("Loading", StringComparison.Ordinal) && !now.Contains("Chargement", StringComparison.Ordinal)) return;
            before = now;
            await page.WaitForTimeoutAsync(250);
        }
    }

    /// <summary>How far the page is wider than its window: 0 when nothing scrolls sideways.</summary>
    public static Task<int> Overflow(IPage page) =>
        page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth");

    public static Task Shoot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
}
