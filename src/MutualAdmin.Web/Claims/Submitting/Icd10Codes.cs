using Npgsql;

namespace MutualAdmin.Web.Claims.Submitting;

/// <summary>
/// The ICD-10 codes the scheme accepts (reference data, platform-wide), kept in memory because every
/// claim checks its diagnosis (C-2) and the list changes only when reference data is seeded again.
/// Read again after a minute, so a new seed is seen without a restart.
/// </summary>
public sealed class Icd10Codes(NpgsqlDataSource db, TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);
    private (IReadOnlySet<string> Codes, DateTimeOffset ReadAt)? cached;

    public async Task<IReadOnlySet<string>> All(CancellationToken ct)
    {
        if (cached is { } c && clock.GetUtcNow() - c.ReadAt < Freshness && c.ReadAt <= clock.GetUtcNow()) return c.Codes;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        await using var command = db.CreateCommand("select code from icd10_codes");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) codes.Add(reader.GetString(0).Trim().ToUpperInvariant());
        cached = (codes, clock.GetUtcNow());
        return codes;
    }
}
