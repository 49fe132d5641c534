using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Platform;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// Issue 22 §5: beyond ten characters, a staff password must not be the username, one thing repeated,
/// a run of characters or one of the most common passwords; the demo's and the tests' passwords pass.
/// </summary>
public sealed class WeakPasswordTests(TestCluster cluster) : WebTest(cluster)
{
    private static readonly (string Password, string Reason)[] Weak =
    [
        ("short", "must be at least 10 characters"),
        ("fatou.diop2026", "must not contain the username"),
        ("FATOU.DIOP@THIES!", "must not contain the username"),
        ("aaaaaaaaaaaa", "must not be one character or a few characters repeated"),
        ("abcdabcdabcd", "must not be one character or a few characters repeated"),
        ("1212121212", "must not be one character or a few characters repeated"),
        ("1234567890", "must not be a run of characters such as 1234567890 or abcdefghij"),
        ("9876543210", "must not be a run of characters such as 1234567890 or abcdefghij"),
        ("password123", "is one of the most common passwords; a few unrelated words make a better one"),
        ("P@ssw0rd2026!", "is one of the most common passwords; a few unrelated words make a better one"),
        ("motdepasse", "is one of the most common passwords; a few unrelated words make a better one"),
        ("Azertyuiop1", "is one of the most common passwords; a few unrelated words make a better one"),
        ("Mutuelle2026", "is one of the most common passwords; a few unrelated words make a better one"),
        ("1q2w3e4r5t", "is one of the most common passwords; a few unrelated words make a better one"),
    ];

    [Fact]
    public async Task Weak_passwords_are_refused_with_a_400_naming_the_password_and_create_no_one()
    {
        await Mutual("thies", "admin");
        var admin = await SignedIn("admin@thies");
        foreach (var (password, reason) in Weak)
        {
            var response = await admin.PostAsJsonAsync("/api/admin/users",
                new { username = "fatou.diop@thies", displayName = "Fatou Diop", password, roles = new[] { "cashier" } });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{password}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal([reason], problem.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()));
        }
        Assert.DoesNotContain(await Service<StaffUsers>().OfTenant("thies", default), u => u.Username == "fatou.diop@thies");
    }

    [Fact]
    public void The_demo_and_test_passwords_pass()
    {
        foreach (var password in new[] { "Demo-Mutuelle-2026", Password, "long enough password" })
            Assert.Null(PasswordRules.Refusal("modou.admin@mutuelle-thies", password));
    }

    [Fact]
    public async Task An_acceptable_password_creates_the_user()
    {
        await Mutual("thies", "admin");
        var admin = await SignedIn("admin@thies");
        var response = await admin.PostAsJsonAsync("/api/admin/users",
            new { username = "fatou.diop@thies", displayName = "Fatou Diop", password = "Demo-Mutuelle-2026", roles = new[] { "cashier" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
