using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace MutualAdmin.Web.Auth;

public static class AuthExtensions
{
    private const string BearerOrCookie = "bearer-or-cookie";

    /// <summary>Bearer tokens for API callers, a cookie for the staff UI; whichever the request carries.</summary>
    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<Tokens>();
        services.AddSingleton<SignInThrottle>();
        services.AddClientRateLimits();
        services.AddScoped<Actor>();
        services.AddSingleton<IAuthorizationPolicyProvider, StaffPolicyProvider>();
        services.AddAuthorization(Policies.AddPolicies);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, Refusals>();

        services.AddAuthentication(BearerOrCookie)
            .AddPolicyScheme(BearerOrCookie, "Bearer token or cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                // A well-signed, unexpired token still fails once its holder's stamp has moved on (CredentialStamps).
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async c =>
                    {
                        if (!await c.HttpContext.RequestServices.GetRequiredService<CredentialStamps>().IsCurrent(c.Principal!, c.HttpContext.RequestAborted))
                            c.Fail("The credential behind this token has been ended.");
                    },
                };
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "mutualadmin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request is https, here or at a trusted proxy (SecurityHeaders.AddForwardedScheme).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // A fixed session from sign-in: the UI works over a circuit that sends no cookie to slide it, and
                // it ends the circuit's session at the end the cookie states (SessionEnds).
                o.SlidingExpiration = false;
                o.Events.OnSigningIn = c =>
                {
                    if (c.Properties.ExpiresUtc is { } ends && c.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                        identity.AddClaim(new(ClaimNames.SessionEnds, ends.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    return Task.CompletedTask;
                };
                // The cookie of a user whose password changed or who was disabled ends on its next request.
                o.Events.OnValidatePrincipal = async c =>
                {
                    if (c.Principal is { } principal
                        && await c.HttpContext.RequestServices.GetRequiredService<CredentialStamps>().IsCurrent(principal, c.HttpContext.RequestAborted))
                        return;
                    c.RejectPrincipal();
                    await c.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                };
                // An API answers 401/403, never a redirect to a sign-in page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
            });
        // Auth:StaffSession (a TimeSpan) sets how long a staff sign-in lasts; tests shorten it.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IConfiguration>((o, configuration) => o.ExpireTimeSpan = configuration.GetValue("Auth:StaffSession", Tokens.StaffLifetime));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<Tokens>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters());
        return services;
    }
}
