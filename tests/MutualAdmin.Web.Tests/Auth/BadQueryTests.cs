using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// Issue 22 §7, the GET sibling of <see cref="BadBodyTests"/>: every GET endpoint of the running host,
/// its route values and query parameters filled with hostile values one at a time, as a caller
/// allowed through, never answers a 5xx.
/// </summary>
public sealed class BadQueryTests(TestCluster cluster) : WebTest(cluster)
{
    /// <summary>NUL, overflowing and negative numbers, the last day of the calendar, a 10,000-character string, bad uuids.</summary>
    public static readonly string[] Hostile =
    [
        "a\0", "\0", "a\u0001b", "2147483647", "2147483648", "-2147483648", "9223372036854775807", "99999999999999999999", "-1", "0",
        "9999-12-31", "0001-01-01", "9999-12", "0001-01", "2026-13", "1e309", "NaN", "not-a-uuid", "00000000-0000-0000-0000-000000000000",
        "%", "'; select 1; --", "\uFFFF", "", new string('x', 10_000),
    ];

    public static readonly TheoryData<string, string, int, string?> Reported = new()
    {
        { "enrolment-officer", "/api/members?name=a&page=2147483647", 200, null },  // an empty page
        { "enrolment-officer", "/api/members?name=a%00", 400, "name" },
        { "claims-officer", "/api/claims/lookups/icd10?q=a%00", 400, "q" },
        { "auditor", "/api/audit/export?from=2026-01-01&to=9999-12-31", 200, null },
        { "manager", "/api/dashboard?month=9999-12", 400, "month" },
    };

    [Theory]
    [MemberData(nameof(Reported))]
    public async Task The_reported_queries_answer_400_naming_the_field_or_an_empty_answer(string role, string url, int status, string? field)
    {
        await Mutual("thies");
        var response = await (await SignedIn($"{role}@thies")).GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode} {body}");
        if (field is not null)
            Assert.True(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        else if (url.StartsWith("/api/members", StringComparison.Ordinal))
            Assert.Equal(0, System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Hostile_route_and_query_values_never_answer_500_on_any_get_endpoint()
    {
        await Mutual("thies");
        var callers = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        var endpoints = Endpoints().ToList();
        Assert.Contains(endpoints, e => e.Key == "GET /api/members/" && e.Query.Contains("page"));
        foreach (var endpoint in endpoints)
        {
            var allowed = EndpointMatrix.Allowed[endpoint.Key];
            var caller = allowed.Contains(EndpointMatrix.Anyone) ? "anonymous" : allowed[0];
            var client = callers.TryGetValue(caller, out var c) ? c : callers[caller] = await ClientFor(caller);
            foreach (var url in endpoint.Urls())
            {
                var response = await client.GetAsync(url);
                if ((int)response.StatusCode >= 500)
                    failures.Add($"{endpoint.Key} as {caller}: GET {Shorten(url)} → {(int)response.StatusCode} {Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} requests answered 5xx:\n{string.Join("\n", failures.Take(60))}");
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>A GET endpoint: its route pattern, and the query parameters its handler binds.</summary>
    private sealed record Endpoint(string Key, string Pattern, IReadOnlyList<string> Query)
    {
        private static readonly Regex RouteValue = new(@"\{\*{0,2}([^}:=?]+)(:[^}]+)?\}");

        /// <summary>Each route value and each query parameter hostile in turn, the others plain.</summary>
        public IEnumerable<string> Urls()
        {
            var routeValues = RouteValue.Matches(Pattern).Select(m => m.Groups[1].Value).ToList();
            foreach (var value in Hostile)
            {
                // A NUL in the path never reaches the app: Kestrel refuses the request line (and the test server throws).
                if (!value.Contains('\0')) foreach (var name in routeValues) yield return Path(name, value);
                foreach (var name in Query) yield return Path(null, null) + "?" + name + "=" + Uri.EscapeDataString(value);
                if (Query.Count > 1) yield return Path(null, null) + "?" + string.Join("&", Query.Select(q => q + "=" + Uri.EscapeDataString(value)));
            }
        }

        private string Path(string? hostileName, string? value) => RouteValue.Replace(Pattern, m =>
            m.Groups[1].Value == hostileName ? Uri.EscapeDataString(value!) : m.Groups[2].Value switch
            {
                ":guid" => Guid.NewGuid().ToString(),
                ":int" or ":long" => "1",
                _ => "x1",
            });
    }

    /// <summary>
    /// The host's GET endpoints (static files of the UI aside), each with the query parameters its
    /// handler binds: the handler's simple parameters that are neither route values nor services.
    /// </summary>
    private IEnumerable<Endpoint> Endpoints()
    {
        var isService = Factory.Services.GetRequiredService<IServiceProviderIsService>();
        foreach (var route in Factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            if (!methods.Contains("GET")) continue;
            var pattern = "/" + route.RoutePattern.RawText!.TrimStart('/');
            var key = $"GET {pattern}";
            if (EndpointMatrix.IsStaticAsset(key) || key.StartsWith("GET /_blazor", StringComparison.Ordinal)) continue;
            var routeNames = route.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var query = route.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters()
                .Where(p => !routeNames.Contains(p.Name!) && IsSimple(p.ParameterType) && !isService.IsService(p.ParameterType))
                .Select(p => p.Name!).ToList() ?? [];
            yield return new Endpoint(key, pattern, query);
        }
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray) return IsSimple(type.GetElementType()!);
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(DateOnly)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(decimal) || type == typeof(TimeSpan);
    }

    private async Task<HttpClient> ClientFor(string caller) => caller switch
    {
        "anonymous" => Client,
        "fund" => await FundClient(),
        "provider" => await ProviderClient("thies"),
        "platform-admin" => await PlatformAdmin(),
        _ => await SignedIn($"{caller}@thies"),
    };
}
