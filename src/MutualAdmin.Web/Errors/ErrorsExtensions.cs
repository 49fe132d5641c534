using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace MutualAdmin.Web.Errors;

public static class ErrorsExtensions
{
    /// <summary>Largest JSON body an ordinary endpoint takes; uploads declare their own limit.</summary>
    public const long DefaultBodyLimit = 1_048_576;

    public static IServiceCollection AddErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // The framework's own answers (401, 403, 404, 405) get our stable types too.
            if (c.ProblemDetails.Type is null || c.ProblemDetails.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
                c.ProblemDetails.Type = Problems.ForStatus(c.ProblemDetails.Status ?? 500);
            if (c.HttpContext.Items[Observability.Correlation.ItemKey] is string correlation)
                c.ProblemDetails.Extensions["correlationId"] = correlation;
        });
        services.AddExceptionHandler<ProblemMapping>();
        // Binding failures throw, so ProblemMapping can name the field instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => Configure(o.SerializerOptions));
        return services;
    }

    /// <summary>
    /// Missing required members and nulls in non-nullable ones are errors, not silent defaults. A number
    /// is a JSON number: "1000" is refused (the web defaults would read it), and one too large for its
    /// field fails binding, so both are a 400 naming the field (issue 22).
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.Strict;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        // {"amount": 1, "amount": 1000000}: which one would count is a guess; the body is refused instead.
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    public static WebApplication UseErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RefuseOversizedBodies);
        app.Use(RefuseBodiesNotUtf8);
        app.Use(QueryValues.RefuseControlCharacters);
        return app;
    }

    /// <summary>
    /// Checks the declared length against the endpoint's limit before anything reads the body, so an
    /// oversized request is a 400 problem on every server (Kestrel also enforces limits on chunked bodies).
    /// </summary>
    private static Task RefuseOversizedBodies(HttpContext http, Func<Task> next)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? DefaultBodyLimit;
        if (http.Request.ContentLength > limit)
            throw new BadHttpRequestException($"The body is {http.Request.ContentLength} bytes; this endpoint takes at most {limit}.",
                StatusCodes.Status413PayloadTooLarge);
        return next();
    }

    /// <summary>
    /// JSON text is UTF-8 (RFC 8259 §8.1). System.Text.Json checks the bytes of the values it reads but
    /// not of a property it skips, so {"reason": "…", "x": "&lt;0xFF&gt;"} was taken: issue 26's bad-input
    /// case erased a person with such a body. A JSON body up to the default limit is checked whole
    /// first and refused with a 400 on "$"; larger ones are refused by their endpoint's limit.
    /// </summary>
    private static async Task RefuseBodiesNotUtf8(HttpContext http, Func<Task> next)
    {
        if (!http.Request.HasJsonContentType() || http.Request.ContentLength is 0 or > DefaultBodyLimit)
        {
            await next();
            return;
        }
        http.Request.EnableBuffering();
        var bytes = new byte[http.Request.ContentLength ?? DefaultBodyLimit + 1];
        int read = 0, n;
        while (read < bytes.Length && (n = await http.Request.Body.ReadAsync(bytes.AsMemory(read), http.RequestAborted)) > 0) read += n;
        http.Request.Body.Position = 0;
        if (read <= DefaultBodyLimit && !System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(0, read)))
            throw new BadHttpRequestException("The body is not UTF-8.", StatusCodes.Status400BadRequest,
                new JsonException("The body is not valid UTF-8 text.", "$", null, null));
        await next();
    }
}
