using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Idempotency;
using MutualAdmin.Web.Input;

namespace MutualAdmin.Web.Platform;

/// <summary>A mutual's administrator manages the staff accounts of that mutual, and only of that mutual.</summary>
public static class UsersApi
{
    public sealed record NewUser(string Username, string DisplayName, string Password, string[] Roles, string? Language = null);
    public sealed record UserView(Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, string Language);

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Administration").LimitText();
        users.MapGet("/", List).ForStaff(StaffRole.Admin, StaffRole.Manager);
        users.MapGet("/{id:guid}", Get).ForStaff(StaffRole.Admin, StaffRole.Manager);
        users.MapPost("/", Create).ForStaff(StaffRole.Admin).Idempotent();
        return app;
    }

    private static async Task<Ok<UserView[]>> List(Actor actor, StaffUsers users, CancellationToken ct) =>
        TypedResults.Ok((await users.OfTenant(actor.Tenant, ct)).Select(View).ToArray());

    private static async Task<Results<Ok<UserView>, NotFound>> Get(Guid id, Actor actor, StaffUsers users, CancellationToken ct) =>
        await users.Find(actor.Tenant, id, ct) is { } user ? TypedResults.Ok(View(user)) : TypedResults.NotFound();

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> Create(NewUser request, Actor actor, StaffUsers users, CancellationToken ct)
    {
        Validate(request);
        var user = await users.Create(actor.Tenant, request.Username.Trim(), request.DisplayName.Trim(), request.Password,
            request.Roles.Distinct().ToArray(), request.Language ?? "en", ct);
        return user is null
            ? TypedResults.Problem(statusCode: 409, type: Problems.RuleRefused, title: "That username is taken.")
            : TypedResults.Created($"/api/admin/users/{user.Id}", View(user));
    }

    private static void Validate(NewUser request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Username) || request.Username.Length > TextLimits.Username) errors["username"] = [$"is required, at most {TextLimits.Username} characters"];
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors["displayName"] = ["is required"];
        if (request.Password.Length < 10) errors["password"] = ["must be at least 10 characters"];
        if (request.Roles.Length == 0) errors["roles"] = ["at least one role is required"];
        foreach (var (role, i) in request.Roles.Select((r, i) => (r, i)).Where(x => !Roles.IsStaffRole(x.r)))
            errors[$"roles[{i}]"] = [$"'{role}' is not a staff role ({string.Join(", ", Roles.Staff)})"];
        if (request.Language is not (null or "en" or "fr")) errors["language"] = ["must be 'en' or 'fr'"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
    }

    private static UserView View(StaffUser u) => new(u.Id, u.Username, u.DisplayName, u.Roles, u.Language);
}
