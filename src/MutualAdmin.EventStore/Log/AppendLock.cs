namespace MutualAdmin.EventStore.Log;

/// <summary>
/// The global append lock: taken before a unit draws positions and held until it commits, so the
/// order of positions is the order of commits. Readers that page with "after my checkpoint" then
/// never pass an event that commits later with a smaller position (architecture.md guarantee 1),
/// and the chain can link each event to the tenant's previous one as it is appended.
/// </summary>
internal static class AppendLock
{
    public const long Key = 7305411061;
    public const string Take = "select pg_advisory_xact_lock(7305411061)";
}
