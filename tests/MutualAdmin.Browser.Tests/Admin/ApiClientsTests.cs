using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace MutualAdmin.Browser.Tests.Admin;

/// <summary>Issue 20 §4: the platform administrator manages the Fund's API clients from the admin screens.</summary>
public sealed class ApiClientsTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task The_platform_administrator_finds_the_demos_Fund_client_creates_another_and_revokes_it()
    {
        await SignIn("root.admin@platform");
        await Test("nav-api-clients").ClickAsync();
        await Assertions.Expect(Test("api-clients").Locator("tbody tr")).ToHaveCountAsync(1); // the demo's Fund client

        await Test("new-name").FillAsync("Fonds, système de contrôle");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create the client" }).ClickAsync();
        await Assertions.Expect(Test("issued-secret")).ToBeVisibleAsync();
        var id = await Test("issued-client-id").InnerTextAsync();
        var secret = await Test("issued-client-secret").InnerTextAsync();
        await Assertions.Expect(Test("api-clients").Locator("tbody tr")).ToHaveCountAsync(2);

        using var fund = new HttpClient { BaseAddress = Host.Address };
        var token = await fund.PostAsJsonAsync("/fund/v1/token", new { clientId = id, clientSecret = secret });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);

        await Test($"revoke-{id}").ClickAsync();
        await Assertions.Expect(Test($"revoke-{id}")).ToHaveCountAsync(0);
        await Assertions.Expect(Test("issued-secret")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fund.PostAsJsonAsync("/fund/v1/token", new { clientId = id, clientSecret = secret })).StatusCode);
    }

    [Fact]
    public async Task A_mutuals_admin_is_refused_the_page()
    {
        await SignIn($"modou.admin@{UiHost.Thies}");
        await Page.GotoAsync("/admin/api-clients");
        await Assertions.Expect(Page.Locator(".refused")).ToBeVisibleAsync();
        await Assertions.Expect(Test("api-clients")).ToHaveCountAsync(0);
    }
}
