namespace MutualAdmin.EventStore.Events;

/// <summary>
/// Who caused an event and why (domain.md A-1). Every event of a unit of work carries the same
/// metadata; the store adds nothing it was not told.
/// </summary>
public sealed record EventMetadata(
    string Tenant,
    string CorrelationId,
    string Command,
    string? UserId = null,
    string? Role = null,
    string? ClientId = null,
    string? CausationId = null,
    string? Reason = null)
{
    /// <summary>For work the platform does on its own (scheduled jobs, migrations of data).</summary>
    public static EventMetadata System(string tenant, string command) =>
        new(tenant, Guid.NewGuid().ToString("N"), command, UserId: "system", Role: "system");
}
