using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// Issue 22 §5: a user changes their password, an admin disables a user; either ends every token and
/// cookie the user held on its very next request.
/// </summary>
public sealed class CredentialEndingTests(TestCluster cluster) : WebTest(cluster)
{
    private const string NewPassword = "a new and longer passphrase";

    [Fact]
    public async Task A_password_change_ends_the_users_bearer_tokens_and_cookie_at_once()
    {
        await Mutual("thies", "cashier", "manager");
        var (bearer, another, cookie) = (await SignedIn("cashier@thies"), await SignedIn("cashier@thies"), await CookieOf("cashier@thies", Password));
        var colleague = await SignedIn("manager@thies");
        Assert.All(await Me(bearer, another, cookie), s => Assert.Equal(HttpStatusCode.OK, s));

        var changed = await bearer.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.All(await Me(bearer, another, cookie), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token("cashier@thies", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Token("cashier@thies", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await CookieOf("cashier@thies", NewPassword)).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_or_a_short_new_one_is_refused_naming_the_field_and_changes_nothing()
    {
        await Mutual("louga", "cashier");
        var cashier = await SignedIn("cashier@louga");

        var wrong = await cashier.PostAsJsonAsync("/api/me/password", new { currentPassword = "not my password", newPassword = NewPassword });
        var shortOne = await cashier.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword = "short" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await Json(wrong)).GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(HttpStatusCode.BadRequest, shortOne.StatusCode);
        Assert.True((await Json(shortOne)).GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.OK, (await cashier.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Token("cashier@louga", Password)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_is_refused_at_once_cannot_sign_in_and_once_enabled_signs_in_anew()
    {
        await Mutual("matam", "cashier", "admin");
        var admin = await SignedIn("admin@matam");
        var (bearer, cookie) = (await SignedIn("cashier@matam"), await CookieOf("cashier@matam", Password));
        var id = (await Json(await bearer.GetAsync("/api/me"))).GetProperty("id").GetString();

        var disabled = await admin.PostAsync($"/api/admin/users/{id}/disabling", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await Json(disabled)).GetProperty("disabledAt").ValueKind);

        Assert.All(await Me(bearer, cookie), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token("cashier@matam", Password)).StatusCode);
        var browser = Factory.CreateClient(new() { HandleCookies = true });
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await browser.PostAsJsonAsync("/api/auth/sign-in", new { username = "cashier@matam", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{id}/enabling", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/me")).StatusCode); // what was ended stays ended
        Assert.Equal(HttpStatusCode.OK, (await Token("cashier@matam", Password)).StatusCode);
    }

    [Fact]
    public async Task An_admin_disables_neither_a_user_of_another_mutual_nor_themselves()
    {
        await Mutual("fatick", "cashier", "admin");
        await Mutual("kolda", "admin");
        var fatickAdmin = await SignedIn("admin@fatick");
        var cashier = await SignedIn("cashier@fatick");
        var cashierId = (await Json(await cashier.GetAsync("/api/me"))).GetProperty("id").GetString();
        var ownId = (await Json(await fatickAdmin.GetAsync("/api/me"))).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedIn("admin@kolda")).PostAsync($"/api/admin/users/{cashierId}/disabling", null)).StatusCode);
        var self = await fatickAdmin.PostAsync($"/api/admin/users/{ownId}/disabling", null);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal("USER_DISABLES_SELF", (await Json(self)).GetProperty("code").GetString());
        Assert.All(await Me(cashier, fatickAdmin), s => Assert.Equal(HttpStatusCode.OK, s));
    }

    private async Task<HttpClient> CookieOf(string username, string password)
    {
        var browser = Factory.CreateClient(new() { HandleCookies = true });
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsJsonAsync("/api/auth/sign-in", new { username, password })).StatusCode);
        return browser;
    }

    private Task<HttpResponseMessage> Token(string username, string password) =>
        Client.PostAsJsonAsync("/api/auth/token", new { username, password });

    private static async Task<HttpStatusCode[]> Me(params HttpClient[] clients) =>
        await Task.WhenAll(clients.Select(async c => (await c.GetAsync("/api/me")).StatusCode));

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
