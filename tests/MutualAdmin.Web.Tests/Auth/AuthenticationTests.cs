using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MutualAdmin.Testing;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Tests.Auth;

public sealed class AuthenticationTests(TestCluster cluster) : WebTest(cluster)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies", "manager");
    }

    [Fact]
    public async Task No_token_a_bad_token_and_an_expired_token_are_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken("not-a-token").GetAsync("/api/me")).StatusCode);

        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Tokens.Issuer, Audience = Tokens.Issuer,
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("kind", "staff"), new Claim("tenant", "thies"), new Claim("role", "manager")]),
            NotBefore = DateTime.UtcNow.AddHours(-2), IssuedAt = DateTime.UtcNow.AddHours(-2), Expires = DateTime.UtcNow.AddHours(-1),
            SigningCredentials = new SigningCredentials(Service<SigningKeys>().Current, SecurityAlgorithms.HmacSha256),
        });
        var response = await WithToken(expired).GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401()
    {
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Tokens.Issuer, Audience = Tokens.Issuer,
            Subject = new ClaimsIdentity([new Claim("sub", "x"), new Claim("kind", "staff"), new Claim("tenant", "thies"), new Claim("role", "admin")]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[64]), SecurityAlgorithms.HmacSha256),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken(forged).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_a_401_problem()
    {
        var response = await Client.PostAsJsonAsync("/api/auth/token", new { username = "manager@thies", password = "wrong password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_staff_token_names_the_user_and_their_mutual()
    {
        var manager = await SignedIn("manager@thies");
        var me = await manager.GetFromJsonAsync<AuthApi.Me>("/api/me");
        Assert.Equal(("staff", "thies", "Mutuelle thies"), (me!.Kind, me.Tenant, me.TenantName));
        Assert.Equal(["manager"], me.Roles);
    }

    [Fact]
    public async Task A_cookie_signs_the_ui_in_and_out()
    {
        var browser = Factory.CreateClient(new() { HandleCookies = true });
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsJsonAsync("/api/auth/sign-in", new { username = "manager@thies", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
        await browser.PostAsync("/api/auth/sign-out", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_fund_token_is_short_lived_and_forbidden_on_staff_paths()
    {
        var (client, secret) = await Service<MutualAdmin.Web.Platform.ApiClients>().Create(Roles.Fund, "Fund", null, null, default);
        var response = await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = client.Id, clientSecret = secret });
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        Assert.Equal(("Bearer", 900), (token!.TokenType, token.ExpiresIn));
        var forbidden = await WithToken(token.AccessToken).GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var problem = await forbidden.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("https://mutualadmin.org/problems/forbidden", problem.GetProperty("type").GetString());
        var wrong = await Client.PostAsJsonAsync("/fund/v1/token", new { clientId = client.Id, clientSecret = "guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task Responses_echo_the_correlation_id_of_the_traceparent()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        var response = await Client.SendAsync(request);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Matches("^[0-9a-f]{32}$", (await Client.GetAsync("/health")).Headers.GetValues("X-Correlation-Id").Single());
    }
}
