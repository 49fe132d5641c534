using Microsoft.AspNetCore.HttpOverrides;

namespace MutualAdmin.Web.Hosting;

/// <summary>
/// Browser hardening on every response, and the scheme a trusted proxy reports. Pages get a policy
/// that lets the Blazor server UI and Radzen run from this origin only (scripts from files, no inline
/// script; inline styles, which Radzen's components and charts set; the circuit's WebSocket to
/// 'self'); anything else, an API answer, may load nothing at all.
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// X-Forwarded-Proto is believed only from the proxies the operator names (Proxy:KnownProxies,
    /// addresses; Proxy:KnownNetworks, CIDR), and loopback; then a request the proxy received over
    /// https is https here too, so the sign-in cookie is Secure (SameAsRequest).
    /// </summary>
    public static IServiceCollection AddForwardedScheme(this IServiceCollection services) =>
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var network in configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [])
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }).Services;

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            // At the start of the response, so answers written by the exception handler carry them too.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy =
                    http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true ? PagePolicy : ApiPolicy;
                return Task.CompletedTask;
            });
            return next();
        });
        return app;
    }
}
