using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Auth;

public sealed class AuthorizationMatrixTests(TestCluster cluster) : WebTest(cluster)
{
    private static readonly string[] Callers =
        ["enrolment-officer", "cashier", "claims-officer", "medical-reviewer", "manager", "auditor", "admin", "platform-admin", "fund", "provider", "anonymous"];

    [Fact]
    public async Task Every_endpoint_lets_in_exactly_the_callers_of_its_row()
    {
        await Mutual("thies");
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = Client, ["fund"] = await FundClient(), ["provider"] = await ProviderClient("thies") };
        foreach (var role in Callers.Take(7)) clients[role] = await SignedIn($"{role}@thies");
        clients["platform-admin"] = await PlatformAdmin();

        // Static files of the web UI (styles, scripts, fonts: hundreds of fingerprinted variants) are
        // open by design and hold nothing of anyone's; one of them stands for all (EndpointMatrix.StaticAsset).
        var endpoints = Routes.Of(Factory).Where(e => !EndpointMatrix.IsStaticAsset(e.Key) || e.Key == EndpointMatrix.StaticAsset).ToList();
        Assert.NotEmpty(endpoints);
        var unlisted = endpoints.Where(e => !EndpointMatrix.Allowed.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        Assert.True(unlisted.Count == 0, $"endpoints missing from EndpointMatrix: {string.Join(", ", unlisted)}");

        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var allowed = EndpointMatrix.Allowed[endpoint.Key];
            foreach (var caller in Callers)
            {
                var status = (await clients[caller].SendAsync(endpoint.Request())).StatusCode;
                var letIn = status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
                var shouldLetIn = allowed.Contains(EndpointMatrix.Anyone) || allowed.Contains(caller);
                // A token endpoint answers 401 to bad credentials; it is open all the same.
                if (letIn != shouldLetIn && !(shouldLetIn && endpoint.Key.EndsWith("token") && status == HttpStatusCode.Unauthorized)
                    && !(shouldLetIn && endpoint.Key.EndsWith("sign-in") && status == HttpStatusCode.Unauthorized))
                    wrong.Add($"{endpoint.Key} as {caller}: {(int)status}");
                if (!shouldLetIn)
                    Assert.True(status == (caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden),
                        $"{endpoint.Key} as {caller} should be {(caller == "anonymous" ? 401 : 403)}, was {(int)status}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}

/// <summary>The running host's endpoints, with a request for each that fills route values with placeholders.</summary>
public sealed record Route(string Method, string Pattern, bool TakesJson)
{
    public string Key => $"{Method} {Pattern}";

    public HttpRequestMessage Request(string? body = null) => new(new HttpMethod(Method), Path())
    {
        Content = Method is "POST" or "PUT" ? new StringContent(body ?? "{}", System.Text.Encoding.UTF8, "application/json") : null,
    };

    private string Path() => System.Text.RegularExpressions.Regex.Replace(Pattern, @"\{([^}:]+)(:[^}]+)?\}", m => m.Groups[2].Value switch
    {
        ":guid" => Guid.NewGuid().ToString(),
        ":int" or ":long" => "1",
        _ => "x1",
    });
}

public static class Routes
{
    public static IReadOnlyList<Route> Of(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory) =>
        factory.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Route(m, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                    e.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any(a => a.ContentTypes.Contains("application/json")))))
            .DistinctBy(r => r.Key)
            .OrderBy(r => r.Key)
            .ToList();
}
