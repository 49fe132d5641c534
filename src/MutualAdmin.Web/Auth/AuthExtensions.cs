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
        services.AddScoped<Actor>();
        services.AddSingleton<IAuthorizationPolicyProvider, StaffPolicyProvider>();
        services.AddAuthorization(Policies.AddPolicies);

        services.AddAuthentication(BearerOrCookie)
            .AddPolicyScheme(BearerOrCookie, "Bearer token or cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer(o => o.MapInboundClaims = false)
            .AddCookie(o =>
            {
                o.Cookie.Name = "mutualadmin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = Tokens.StaffLifetime;
                // An API answers 401/403, never a redirect to a sign-in page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<Tokens>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters());
        return services;
    }
}
