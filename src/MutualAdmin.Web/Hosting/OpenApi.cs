using Microsoft.OpenApi;

namespace MutualAdmin.Web.Hosting;

/// <summary>
/// The OpenAPI document at /openapi/v1.json and Swagger UI at /swagger, both anonymous (the fallback
/// policy refuses everything else), with a bearer scheme so a reader can paste a token and try calls.
/// </summary>
public static class OpenApi
{
    private const string Bearer = "bearer";

    public static IServiceCollection AddOpenApiDocs(this IServiceCollection services) => services
        .AddEndpointsApiExplorer()
        .AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo { Title = "MutualAdmin", Version = "v1",
                Description = "Staff API (/api), provider API (/provider/v1) and the Fund's integration API (/fund/v1)." });
            o.AddSecurityDefinition(Bearer, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = Bearer, BearerFormat = "JWT",
                Description = "An accessToken from POST /api/auth/token (staff) or /fund/v1/token, /provider/v1/token (clients).",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] });
            // Features name their records alike (Published, Summary…): the declaring type keeps schema ids apart.
            o.CustomSchemaIds(SchemaId);
        });

    public static IEndpointRouteBuilder MapOpenApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapSwagger("/openapi/{documentName}.json").AllowAnonymous().ExcludeFromDescription();
        var ui = app.CreateApplicationBuilder()
            .UseSwaggerUI(o => { o.RoutePrefix = "swagger"; o.SwaggerEndpoint("/openapi/v1.json", "MutualAdmin v1"); })
            .Build();
        // The UI is middleware serving embedded files; static files step aside for a matched endpoint, so
        // the endpoint (there only to carry AllowAnonymous past the fallback policy) hands the request over bare.
        app.MapGet("/swagger/{**path}", http => { http.SetEndpoint(null); return ui(http); }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static string SchemaId(Type type) =>
        (type.IsNested ? SchemaId(type.DeclaringType!) : "")
        + (type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}Of{string.Join("And", type.GetGenericArguments().Select(SchemaId))}" : type.Name);
}
