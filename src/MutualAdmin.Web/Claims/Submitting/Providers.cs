using System.Collections.Concurrent;
using MutualAdmin.Web.Reference;

namespace MutualAdmin.Web.Claims.Submitting;

/// <summary>
/// The contracted providers every claim names, kept for a minute: a provider's level changes with a
/// new contract, not between two claims, and each claim saves a query.
/// </summary>
public sealed class Providers(ReferenceData reference, TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Tenant, string Id), (Provider? Provider, DateTimeOffset ReadAt)> cache = new();

    public async Task<Provider?> Find(string tenant, string id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // An unknown provider is read again every time: a contract just signed is seen at once.
        if (cache.TryGetValue((tenant, id), out var hit) && hit.Provider is not null && now - hit.ReadAt < Freshness && hit.ReadAt <= now)
            return hit.Provider;
        var provider = await reference.FindProvider(tenant, id, ct);
        cache[(tenant, id)] = (provider, now);
        return provider;
    }
}
