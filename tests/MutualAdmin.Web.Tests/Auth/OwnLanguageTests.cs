using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>Issue 25: each user chooses the language of their own screens; it stays on their profile.</summary>
public sealed class OwnLanguageTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task A_user_sets_their_own_language_which_later_sign_ins_see_and_an_unknown_one_is_refused_naming_the_field()
    {
        await Mutual("podor", "cashier");
        var cashier = await SignedIn("cashier@podor");

        var set = await cashier.PostAsJsonAsync("/api/me/language", new { language = "fr" });
        var unknown = await cashier.PostAsJsonAsync("/api/me/language", new { language = "wo" });

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal("fr", (await Json(await (await SignedIn("cashier@podor")).GetAsync("/api/me"))).GetProperty("language").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await Json(unknown)).GetProperty("errors").TryGetProperty("language", out _));
        Assert.Equal("fr", (await Json(await cashier.GetAsync("/api/me"))).GetProperty("language").GetString());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
