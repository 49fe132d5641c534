using System.Net;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Schemes;

/// <summary>The OpenAPI document and Swagger UI are served to anyone, with the scheme paths in them.</summary>
public sealed class OpenApiTests(TestCluster cluster) : WebTest(cluster)
{
    [Fact]
    public async Task The_document_is_served_anonymously_and_lists_the_scheme_paths_and_a_bearer_scheme()
    {
        var response = await Client.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var document = JsonDocument.Parse(body).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/fund/v1/schemes", paths);
        Assert.Contains("/fund/v1/schemes/{code}/versions/{version}", paths);
        Assert.Contains("/api/schemes", paths);
        var publish = document.GetProperty("paths").GetProperty("/fund/v1/schemes").GetProperty("post");
        Assert.True(publish.TryGetProperty("requestBody", out _));
        Assert.Equal(["200", "201", "400", "409"], publish.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task Swagger_UI_answers_anonymously()
    {
        var response = await Client.GetAsync("/swagger");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/swagger/index.css")).StatusCode);
    }
}
