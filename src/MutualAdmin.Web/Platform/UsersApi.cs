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
    public sealed record UserView(Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, string Language,
        DateTimeOffset? DisabledAt = null);
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Administration").LimitText();
        users.MapGet("/", List).ForStaff(StaffRole.Admin, StaffRole.Manager);
        users.MapGet("/{id:guid}", Get).ForStaff(StaffRole.Admin, StaffRole.Manager);
        users.MapPost("/", Create).ForStaff(StaffRole.Admin).Idempotent();
        users.MapPost("/{id:guid}/disabling", (Guid id, Actor actor, StaffUsers staff, CancellationToken ct) => SetDisabled(id, true, actor, staff, ct))
            .ForStaff(StaffRole.Admin);
        users.MapPost("/{id:guid}/enabling", (Guid id, Actor actor, StaffUsers staff, CancellationToken ct) => SetDisabled(id, false, actor, staff, ct))
            .ForStaff(StaffRole.Admin);
        // Anyone signed in changes their own password (platform administrators too).
        app.MapPost("/api/me/password", ChangePassword).RequireAuthorization(Policies.AnyStaff).WithTags("Auth").LimitText();
        // Anyone signed in chooses the language of their own screens; it stays on their profile.
        app.MapPost("/api/me/language", SetLanguage).RequireAuthorization(Policies.AnyStaff).WithTags("Auth").LimitText();
        return app;
    }

    private static async Task<Ok<UserView[]>> List(Actor actor, StaffUsers users, CancellationToken ct) =>
        TypedResults.Ok((await users.OfTenant(actor.Tenant, ct)).Select(View).ToArray());

    private static async Task<Results<Ok<UserView>, NotFound>> Get(Guid id, Actor actor, StaffUsers users, CancellationToken ct) =>
        await users.Find(actor.Tenant, id, ct) is { } user ? TypedResults.Ok(View(user)) : TypedResults.NotFound();

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> Create(NewUser request, Actor actor, StaffUsers users, CancellationToken ct)
    {
        Validate(request);
        // Decided before any lookup, so the answer is the same whether or not the name exists there.
        if (request.Username.Trim() is var name && name.LastIndexOf('@') is >= 0 and var at
            && !string.Equals(name[(at + 1)..], actor.Tenant, StringComparison.OrdinalIgnoreCase))
            throw RequestValidationException.For("username", $"a name with @ ends with this mutual's own domain (@{actor.Tenant})");
        var user = await users.Create(actor.Tenant, request.Username.Trim(), request.DisplayName.Trim(), request.Password,
            request.Roles.Distinct().ToArray(), request.Language ?? "en", ct);
        return user is null
            ? TypedResults.Problem(statusCode: 409, type: Problems.RuleRefused, title: "That username is taken.")
            : TypedResults.Created($"/api/admin/users/{user.Id}", View(user));
    }

    /// <summary>
    /// Disabling ends the user's tokens and cookies at once and refuses their sign-in; enabling lets them
    /// sign in anew. An admin cannot disable themselves: a mutual must not lock out its last admin by a slip.
    /// </summary>
    private static async Task<Results<Ok<UserView>, NotFound, ProblemHttpResult>> SetDisabled(Guid id, bool disabled, Actor actor,
        StaffUsers users, CancellationToken ct)
    {
        if (disabled && actor.Id == id.ToString())
            return TypedResults.Problem(statusCode: 409, type: Problems.RuleRefused, title: "You cannot disable your own account.",
                extensions: new Dictionary<string, object?> { ["code"] = "USER_DISABLES_SELF" });
        return await users.SetDisabled(actor.Tenant, id, disabled, ct) is { } user ? TypedResults.Ok(View(user)) : TypedResults.NotFound();
    }

    /// <summary>A new password ends every token and cookie the user held, this request's own included: they sign in again.</summary>
    private static async Task<NoContent> ChangePassword(PasswordChange request, Actor actor, StaffUsers users, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.CurrentPassword)) errors["currentPassword"] = ["is required"];
        if (request.NewPassword is null) errors["newPassword"] = ["is required"];
        else if (PasswordRules.Refusal((await users.Find(actor.Tenant, Guid.Parse(actor.Id), ct))?.Username, request.NewPassword) is { } weak)
            errors["newPassword"] = [weak];
        else if (request.NewPassword == request.CurrentPassword) errors["newPassword"] = ["must differ from the current password"];
        if (errors.Count == 0 && !await users.ChangePassword(actor.Tenant, Guid.Parse(actor.Id), request.CurrentPassword!, request.NewPassword!, ct))
            errors["currentPassword"] = ["is not your current password"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return TypedResults.NoContent();
    }

    public sealed record LanguageChoice(string? Language);

    private static async Task<Results<NoContent, NotFound>> SetLanguage(LanguageChoice request, Actor actor, StaffUsers users, CancellationToken ct)
    {
        if (request.Language is not ("en" or "fr")) throw RequestValidationException.For("language", "must be 'en' or 'fr'");
        return await users.SetLanguage(actor.Tenant, Guid.Parse(actor.Id), request.Language, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static void Validate(NewUser request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Username) || request.Username.Length > TextLimits.Username) errors["username"] = [$"is required, at most {TextLimits.Username} characters"];
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors["displayName"] = ["is required"];
        if (PasswordRules.Refusal(request.Username, request.Password) is { } weak) errors["password"] = [weak];
        if (request.Roles.Length == 0) errors["roles"] = ["at least one role is required"];
        foreach (var (role, i) in request.Roles.Select((r, i) => (r, i)).Where(x => !Roles.IsStaffRole(x.r)))
            errors[$"roles[{i}]"] = [$"'{role}' is not a staff role ({string.Join(", ", Roles.Staff)})"];
        if (request.Language is not (null or "en" or "fr")) errors["language"] = ["must be 'en' or 'fr'"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
    }

    private static UserView View(StaffUser u) => new(u.Id, u.Username, u.DisplayName, u.Roles, u.Language, u.DisabledAt);
}
