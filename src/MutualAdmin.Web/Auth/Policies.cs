using Microsoft.AspNetCore.Authorization;

namespace MutualAdmin.Web.Auth;

/// <summary>
/// Every endpoint names who may call it; anything that names nobody is refused (the fallback policy),
/// so a forgotten policy fails closed. Staff policies also require a staff principal, so a Fund token
/// on a staff path is 403, and the Fund and provider policies refuse staff tokens likewise.
/// </summary>
public static class Policies
{
    public const string Fund = "fund";
    public const string Provider = "provider";
    public const string AnyStaff = "staff";

    /// <summary>
    /// The platform administrator: the only one who operates what all mutuals share (projections, dead
    /// letters across mutuals, the Fund's webhooks, API clients). A user of the platform's own tenant
    /// with that role; a mutual's admin is not one, whatever roles a token of theirs lists.
    /// </summary>
    public const string PlatformAdmin = "platform-admin";

    public static string Staff(params string[] roles) => "staff:" + string.Join(',', roles.Order());

    public static void AddPolicies(AuthorizationOptions options)
    {
        // A request no endpoint matched passes, to be answered 404 like any other unknown path
        // (/api/members/not-a-uuid): refusing it said 403, as if something were there.
        options.FallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAssertion(c => c.Resource is HttpContext http && http.GetEndpoint() is null).Build();
        options.AddPolicy(Fund, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Kind, Roles.Fund));
        options.AddPolicy(Provider, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Kind, Roles.Provider).RequireClaim(ClaimNames.Tenant));
        options.AddPolicy(AnyStaff, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Kind, ClaimNames.StaffKind).RequireClaim(ClaimNames.Tenant));
        options.AddPolicy(PlatformAdmin, p => p.RequireAuthenticatedUser().RequireClaim(ClaimNames.Kind, ClaimNames.StaffKind)
            .RequireClaim(ClaimNames.Tenant, Platform.Tenants.PlatformId).RequireClaim(ClaimNames.Role, Roles.PlatformAdmin));
    }
}

/// <summary>Builds "staff:role1,role2" policies on demand, so endpoints list their roles where they are mapped.</summary>
public sealed class StaffPolicyProvider(Microsoft.Extensions.Options.IOptions<AuthorizationOptions> options)
    : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith("staff:", StringComparison.Ordinal)) return await base.GetPolicyAsync(policyName);
        var roles = policyName["staff:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(ClaimNames.Kind, ClaimNames.StaffKind)
            .RequireClaim(ClaimNames.Tenant)
            .RequireClaim(ClaimNames.Role, roles)
            .Build();
    }
}

public static class PolicyExtensions
{
    /// <summary>Staff of the caller's mutual holding one of <paramref name="roles"/>.</summary>
    public static TBuilder ForStaff<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policies.Staff(roles));

    /// <summary>Platform administrators only (<see cref="Policies.PlatformAdmin"/>).</summary>
    public static TBuilder ForPlatformAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policies.PlatformAdmin);
}
