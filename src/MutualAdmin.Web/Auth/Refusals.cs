using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace MutualAdmin.Web.Auth;

/// <summary>
/// A 403 says who may do what was refused: the endpoint's policies (<see cref="Policies"/>) name the
/// callers it is for, so the problem's detail is read from them, in this one place for every endpoint.
/// </summary>
public sealed class Refusals(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        await standard.HandleAsync(next, http, policy, result);
        if (!result.Forbidden || http.Response.HasStarted || http.Response.StatusCode != StatusCodes.Status403Forbidden) return;
        await problems.WriteAsync(new()
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = Detail(http) },
        });
    }

    /// <summary>"POST /api/affiliations/{id:guid}/approval is for staff of the mutual with the role manager; your roles: enrolment-officer."</summary>
    public static string Detail(HttpContext http)
    {
        var endpoint = http.GetEndpoint();
        var action = $"{http.Request.Method} {(endpoint as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value}";
        var callers = endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Select(Callers).ToList() ?? [];
        var roles = http.User.FindAll(ClaimNames.Role).Select(c => c.Value).ToList();
        var yours = http.User.FindFirst(ClaimNames.Kind)?.Value switch
        {
            ClaimNames.StaffKind => $"your roles: {string.Join(", ", roles)}",
            { } client => $"you are a {client} API client",
            null => "you are not signed in",
        };
        return callers.Count == 0 ? $"{action} is open to no caller." : $"{action} is for {string.Join(" and ", callers)}; {yours}.";
    }

    private static string Callers(string policy) => policy switch
    {
        Policies.Fund => "the Fund's API clients",
        Policies.Provider => "a provider's API client",
        Policies.AnyStaff => "staff of the mutual",
        _ when policy.StartsWith("staff:", StringComparison.Ordinal) => policy["staff:".Length..].Split(',') is var r && r.Length == 1
            ? $"staff of the mutual with the role {r[0]}"
            : $"staff of the mutual with one of the roles {string.Join(", ", r)}",
        _ => $"callers of the policy {policy}",
    };
}
