using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Schemes.Publishing;

/// <summary>
/// The demo's schemes: seeds/schemes/*.json published as the Fund would publish them (S-1), through
/// the same path; a re-run finds the same content and publishes nothing.
/// </summary>
internal sealed class DemoSchemes(EventStore.EventStore store, TimeProvider clock) : IDemoSeedStep
{
    public async Task Run(SeedFiles files, CancellationToken ct)
    {
        foreach (var scheme in files.Schemes())
            await PublishScheme.Publish(store, EventMetadata.System(SchemeStreams.Tenant, "seed-demo"),
                SchemeDocument.Of(scheme), clock.GetUtcNow(), ct);
    }
}
