using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Auth;

/// <summary>
/// How many sign-ins (staff passwords and API client secrets alike) one network address and one
/// account may try per window: Auth:SignInLimits:PerAddress (default 60), :PerAccount (default 20),
/// :Window (default one minute). Every attempt costs a deliberately slow hash check, so this also
/// keeps one caller from taking the processor. Kept in this node's memory: it slows guessing down; the
/// lockout (<see cref="SignInLockout"/>), kept in the database, stops it across nodes.
/// The account is only known once the body is read, so the endpoints ask here rather than the
/// rate-limiting middleware, and the UI's sign-in form asks the same.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> byAddress;
    private readonly PartitionedRateLimiter<string> byAccount;
    private readonly TimeSpan window;

    public SignInThrottle(IConfiguration configuration)
    {
        window = configuration.GetValue("Auth:SignInLimits:Window", TimeSpan.FromMinutes(1));
        byAddress = Limiter(configuration.GetValue("Auth:SignInLimits:PerAddress", 60), window);
        byAccount = Limiter(configuration.GetValue("Auth:SignInLimits:PerAccount", 20), window);
    }

    /// <summary>Takes one attempt from the caller's address and from the account (a username, or kind and client id).</summary>
    /// <returns>null when the attempt may go ahead; otherwise how long to wait before the next.</returns>
    public TimeSpan? Admit(HttpContext http, string account)
    {
        using var address = byAddress.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!address.IsAcquired) return RetryAfter(address);
        using var named = byAccount.AttemptAcquire(account.ToLowerInvariant());
        return named.IsAcquired ? null : RetryAfter(named);
    }

    /// <summary>The 429 problem of an attempt refused by <see cref="Admit"/>, with its Retry-After.</summary>
    public static ProblemHttpResult TooMany(HttpContext http, TimeSpan wait)
    {
        var seconds = RetryAfterHeader(http, wait);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: Problems.TooManyRequests,
            title: "Too many sign-in attempts.",
            detail: $"Too many sign-in attempts from this address or for this account; try again in {seconds} s.");
    }

    /// <summary>The 429 problem of an account locked after failed sign-ins, with the Retry-After of the lockout's end.</summary>
    public static ProblemHttpResult LockedOut(HttpContext http, DateTimeOffset until, DateTimeOffset now)
    {
        RetryAfterHeader(http, until - now);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: Problems.SignInLocked,
            title: "Too many failed sign-ins.",
            detail: $"too many failed sign-ins; try again after {until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}",
            extensions: new Dictionary<string, object?> { ["lockedUntil"] = until.UtcDateTime });
    }

    /// <summary>Sets Retry-After in whole seconds (at least one), as RFC 9110 wants it; returns the seconds.</summary>
    public static long RetryAfterHeader(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }

    private TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true,
        }), StringComparer.Ordinal);

    public void Dispose()
    {
        byAddress.Dispose();
        byAccount.Dispose();
    }
}
