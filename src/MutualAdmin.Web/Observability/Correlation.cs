using System.Diagnostics;

namespace MutualAdmin.Web.Observability;

/// <summary>
/// Every request gets a correlation id: the W3C trace id of its `traceparent` when the caller sent
/// one, else a new one. It is echoed in X-Correlation-Id, carried in every log line of the request
/// and in the metadata of every event the request appends (domain.md A-1).
/// </summary>
public static class Correlation
{
    public const string ItemKey = "correlation-id";
    public const string Header = "X-Correlation-Id";

    public static string Of(HttpContext http) => http.Items[ItemKey] as string ?? "none";

    public static async Task Middleware(HttpContext http, Func<Task> next)
    {
        var id = TraceIdOf(http.Request.Headers["traceparent"].ToString())
            ?? Activity.Current?.TraceId.ToHexString()
            ?? ActivityTraceId.CreateRandom().ToHexString();
        http.Items[ItemKey] = id;
        http.Response.Headers[Header] = id;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MutualAdmin.Requests");
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            await next();
    }

    /// <summary>traceparent = version "-" 32 hex trace id "-" 16 hex parent id "-" flags.</summary>
    private static string? TraceIdOf(string traceparent)
    {
        var parts = traceparent.Split('-');
        return parts.Length == 4 && parts[1].Length == 32 && parts[1].All(char.IsAsciiHexDigitLower) && parts[1] != new string('0', 32)
            ? parts[1]
            : null;
    }
}
