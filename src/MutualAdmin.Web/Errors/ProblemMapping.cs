using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using MutualAdmin.Domain;
using MutualAdmin.EventStore;

namespace MutualAdmin.Web.Errors;

/// <summary>
/// The one mapping from exceptions to problem details (style.md): malformed or invalid input 400,
/// unknown resource 404, a rule refused in the current state 409, stale expected version 412, the
/// database out of reach 503 with Retry-After. Anything else is logged and answered 500 without internals.
/// </summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Map(exception, http);
        if (problem.Status == StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Database unavailable on {Method} {Path}", http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new() { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Map(Exception exception, HttpContext http) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => Invalid(FieldOf(json.Path), Reason(json)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Problem(400, Problems.RequestTooLarge, "The request body is too large.", exception.Message),
        BadHttpRequestException bad when UnboundParameter().Match(bad.Message) is { Success: true } m =>
            Invalid(m.Groups["name"].Value, $"'{m.Groups["value"].Value}' is not a valid {m.Groups["type"].Value.TrimEnd('?')}"),
        BadHttpRequestException bad => Problem(400, Problems.MalformedRequest, "The request is malformed.", bad.Message),
        RequestValidationException v => new ValidationProblemDetails(v.Errors.ToDictionary())
            { Status = 400, Type = Problems.Validation, Title = "Some fields are invalid." },
        DomainError e when e.Code.EndsWith("INVALID", StringComparison.Ordinal) => Rule(e, 400, Problems.Validation),
        DomainError e => Rule(e, 409, Problems.RuleRefused),
        ConcurrencyException c when http.Request.Headers.IfMatch.Count > 0 =>
            Problem(412, Problems.VersionMismatch, "The resource changed since the version you sent.", c.Message),
        ConcurrencyException c => Problem(409, Problems.ConcurrentUpdate, "Someone else changed the resource at the same moment; retry.", c.Message),
        WrongTenantException => Problem(404, Problems.NotFound, "Not found.", null),
        Audit.Disregarding.ImpossibleEventException i => Impossible(i),
        OperationCanceledException when http.RequestAborted.IsCancellationRequested => Problem(499, Problems.Unexpected, "The client went away.", null),
        _ when DatabaseOutage.Is(exception) => Problem(503, Problems.Unavailable, "The database is unavailable; retry shortly.",
            $"Retry after {DatabaseOutage.RetryAfterSeconds} seconds."),
        _ => Problem(500, Problems.Unexpected, "An unexpected error occurred.", "It is logged with the correlation id of this response."),
    };

    private static ProblemDetails Rule(DomainError e, int status, string type)
    {
        var problem = e.Errors.Count > 0
            ? new ValidationProblemDetails(e.Errors.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()))
            : new ProblemDetails();
        problem.Status = status;
        problem.Type = type;
        problem.Title = status == 400 ? "Some fields are invalid." : "The rules refuse this now.";
        problem.Detail = e.Message;
        problem.Extensions["rule"] = e.Rule;
        problem.Extensions["code"] = e.Code;
        return problem;
    }

    /// <summary>Issue 22: an event in the log no fold can take, named so that a manager can disregard it.</summary>
    private static ProblemDetails Impossible(Audit.Disregarding.ImpossibleEventException e)
    {
        var problem = Problem(409, Problems.ImpossibleEvent, "An event in the log holds an impossible value.", e.Message);
        problem.Extensions["position"] = e.Position;
        problem.Extensions["eventType"] = e.EventType;
        problem.Extensions["field"] = e.Field;
        return problem;
    }

    private static ValidationProblemDetails Invalid(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        { Status = 400, Type = Problems.Validation, Title = "Some fields are invalid." };

    private static ProblemDetails Problem(int status, string type, string title, string? detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    /// <summary>"$.lines[0].quantity" → "lines[0].quantity"; the whole body is "$".</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Reason(JsonException json) =>
        json.Message.Split(" Path:", 2)[0] is { Length: > 0 } first ? first : "is not valid JSON for this field";

    /// <summary>ASP.NET's message for a route or query value of the wrong type, so the field can be named.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>\\S+) (?<name>\\w+)\" from \"(?<value>.*)\"\\.?$")]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();
}
