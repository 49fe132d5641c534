using System.Security.Claims;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Observability;

namespace MutualAdmin.Web.Auth;

/// <summary>
/// Who is calling, read only from the authenticated principal (never from the request), and the
/// metadata their commands stamp on events (domain.md A-1).
/// </summary>
public sealed class Actor(IHttpContextAccessor accessor)
{
    private HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("no request in progress");
    private ClaimsPrincipal User => Http.User;

    public string Kind => User.FindFirstValue(ClaimNames.Kind) ?? "anonymous";
    public string Id => User.FindFirstValue(ClaimNames.Subject) ?? "anonymous";

    /// <summary>The caller's mutual. Staff and provider principals always carry one.</summary>
    public string Tenant => User.FindFirstValue(ClaimNames.Tenant) ?? throw new InvalidOperationException("this caller has no tenant");

    public IReadOnlyList<string> Roles => User.FindAll(ClaimNames.Role).Select(c => c.Value).ToList();
    public string? Provider => User.FindFirstValue(ClaimNames.Provider);

    /// <summary>A platform administrator (the role, held in the platform's own tenant: <see cref="Policies.PlatformAdmin"/>).</summary>
    public bool IsPlatformAdmin => Kind == ClaimNames.StaffKind && User.FindFirstValue(ClaimNames.Tenant) == Platform.Tenants.PlatformId
        && Roles.Contains(Auth.Roles.PlatformAdmin);

    public EventMetadata Metadata(string command, string? reason = null, string? tenant = null) => new(
        tenant ?? Tenant,
        Correlation.Of(Http),
        command,
        UserId: Kind == ClaimNames.StaffKind ? Id : null,
        Role: string.Join(',', Roles),
        ClientId: Kind == ClaimNames.StaffKind ? null : Id,
        // An Idempotency-Key's attempt: a retry after a crash looks for it to learn whether the attempt wrote.
        CausationId: Http.Items[Idempotency.IdempotencyKeys.AttemptItem] as string,
        Reason: reason);
}
