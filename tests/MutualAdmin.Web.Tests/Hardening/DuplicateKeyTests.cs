using System.Net;
using System.Text;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Hardening;

/// <summary>Issue 22 §8: a JSON body naming a field twice is refused, not read as one of the two.</summary>
public sealed class DuplicateKeyTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task A_body_with_a_duplicate_key_is_a_400_naming_it_and_creates_nothing()
    {
        await Mutual("thies", "admin", "manager");
        var admin = await SignedIn("admin@thies");
        var body = """{"username": "first@thies", "displayName": "One", "password": "long enough password", "roles": ["cashier"], "username": "second@thies"}""";

        var response = await admin.PostAsync("/api/admin/users", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("username", out _), problem.ToString());
        var users = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/users")).RootElement.EnumerateArray()
            .Select(u => u.GetProperty("username").GetString()).ToList();
        Assert.DoesNotContain("first@thies", users);
        Assert.DoesNotContain("second@thies", users);

        var token = await Client.PostAsync("/api/auth/token", new StringContent(
            """{"username": "manager@thies", "password": "wrong", "password": "correct horse battery"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_400_on_the_body_and_creates_nothing()
    {
        // Issue 26: the invalid bytes sit in a property nobody reads, which the serializer skips unchecked.
        await Mutual("thies", "admin");
        var admin = await SignedIn("admin@thies");
        static ByteArrayContent Json(byte[] bytes)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return content;
        }
        var user = """{"username": "third@thies", "displayName": "Three", "password": "quiet rivers run deep", "roles": ["cashier"], "x": "a"""u8.ToArray();

        var response = await admin.PostAsync("/api/admin/users", Json([.. user, 0xC3, 0x28, 0xFF, .. "\"}"u8]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("$", out _), problem.ToString());
        var users = JsonDocument.Parse(await admin.GetStringAsync("/api/admin/users")).RootElement.EnumerateArray()
            .Select(u => u.GetProperty("username").GetString()).ToList();
        Assert.DoesNotContain("third@thies", users);
        // The same body with valid text in "x" is taken: the bytes were what was refused.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/admin/users", Json([.. user, .. "b\"}"u8]))).StatusCode);
    }
}
