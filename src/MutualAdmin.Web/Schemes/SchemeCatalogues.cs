using System.Collections.Concurrent;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Schemes;

/// <summary>
/// S-2: the published versions of each scheme, for every rule that needs the version in force on the
/// date that matters. Published versions never change (S-1), so a cached catalogue only ever grows:
/// each call asks for the stream's version on the multiplexed look-up source (one small query, shared
/// with concurrent requests) and reads events only when a version was published since.
/// </summary>
public sealed class SchemeCatalogues(EventStore.EventStore store, Database database)
{
    private sealed record Loaded(SchemeCatalogue Catalogue, long Version);
    private static readonly Loaded Nothing = new(SchemeCatalogue.Empty, 0);
    private readonly ConcurrentDictionary<string, Loaded> cache = new(StringComparer.Ordinal);

    public async Task<SchemeCatalogue> Load(string code, CancellationToken ct = default)
    {
        if (!SchemeStreams.IsValidCode(code)) return SchemeCatalogue.Empty;
        var cached = cache.GetValueOrDefault(code, Nothing);
        if (cached.Version > 0 && await StreamVersion(code, ct) == cached.Version) return cached.Catalogue;
        var newer = await store.ReaderFor(SchemeStreams.Tenant).ReadStream(SchemeStreams.Of(code), cached.Version + 1, ct: ct);
        if (newer.Count == 0) return cached.Catalogue;
        var loaded = new Loaded(newer.Aggregate(cached.Catalogue, (c, e) => SchemeStreams.Evolve(c, e.Data)), newer[^1].Version);
        // Two readers racing: the one that read further wins, so the cache never goes back.
        return cache.AddOrUpdate(code, loaded, (_, other) => other.Version >= loaded.Version ? other : loaded).Catalogue;
    }

    private async Task<long> StreamVersion(string code, CancellationToken ct)
    {
        var stream = SchemeStreams.Of(code);
        await using var command = database.Lookups.CreateCommand("select version from streams where tenant_id = $1 and stream_id = $2");
        command.Parameters.Add(new() { Value = stream.Tenant });
        command.Parameters.Add(new() { Value = stream.Key });
        return await command.ExecuteScalarAsync(ct) is long version ? version : 0;
    }

    /// <summary>The version of <paramref name="code"/> in force on <paramref name="date"/>; null before its first version or for an unknown code.</summary>
    public async Task<SchemeVersion?> InForce(string code, DateOnly date, CancellationToken ct = default) =>
        (await Load(code, ct)).InForceOn(date);

    /// <summary>Every scheme code that has a published version, in code order.</summary>
    public async Task<IReadOnlyList<string>> Codes(CancellationToken ct = default)
    {
        var keys = await store.ReaderFor(SchemeStreams.Tenant).StreamKeysStartingWith(SchemeStreams.Prefix, ct);
        return [.. keys.Select(SchemeStreams.CodeOf)];
    }
}
