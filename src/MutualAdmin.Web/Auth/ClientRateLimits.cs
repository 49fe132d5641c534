using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Auth;

/// <summary>
/// Each Fund and provider API client gets its own token bucket, whatever path it calls: a steady
/// rate per second and a burst above it (Auth:ClientLimits:Fund:PerSecond default 500, :Burst 2000;
/// Auth:ClientLimits:Provider:PerSecond 50, :Burst 200). One runaway client then slows itself,
/// not the others or the staff. Counted after authorization, so refused calls cost nothing here.
/// Over the limit: 429 with a problem document and Retry-After. Staff calls are not limited here.
/// </summary>
public static class ClientRateLimits
{
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var fund = Bucket(configuration, "Fund", 500, 2000);
            var provider = Bucket(configuration, "Provider", 50, 200);
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                (http.User.FindFirstValue(ClaimNames.Kind), http.User.FindFirstValue(ClaimNames.Subject)) switch
                {
                    (Roles.Fund, { } id) => RateLimitPartition.GetTokenBucketLimiter($"fund:{id}", _ => fund),
                    (Roles.Provider, { } id) => RateLimitPartition.GetTokenBucketLimiter($"provider:{id}", _ => provider),
                    _ => RateLimitPartition.GetNoLimiter(""),
                });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = Reject;
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions Bucket(IConfiguration configuration, string kind, int perSecond, int burst) => new()
    {
        TokensPerPeriod = configuration.GetValue($"Auth:ClientLimits:{kind}:PerSecond", perSecond),
        TokenLimit = configuration.GetValue($"Auth:ClientLimits:{kind}:Burst", burst),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask Reject(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = SignInThrottle.RetryAfterHeader(http,
            context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
        {
            HttpContext = http,
            ProblemDetails = new()
            {
                Status = StatusCodes.Status429TooManyRequests, Type = Problems.TooManyRequests, Title = "Too many requests.",
                Detail = $"This API client is over its rate limit; try again in {seconds} s.",
            },
        });
    }
}
