using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Enrolment.Privacy;
using Npgsql;

namespace MutualAdmin.Web.Enrolment;

/// <summary>One person to look up before registration (E-4).</summary>
public sealed record Candidate(string FullName, DateOnly? BirthDate, int BirthYear, string? NationalId);

/// <summary>
/// E-4 look-ups, by keyed hash only: national IDs across every tenant, identities (name + birth date +
/// locality) within the caller's. The domain decides what the findings mean (PersonValidation).
/// </summary>
public sealed class DuplicateLookup(NpgsqlDataSource db, PersonHashes hashes)
{
    public async Task<IReadOnlyList<DuplicateCheck>> Check(string tenant, IReadOnlyList<Candidate> people, Locality locality,
        bool staffConfirmed, CancellationToken ct)
    {
        var ids = people.Select(p => p.NationalId is { Length: > 0 } id ? hashes.NationalId(id) : null).ToList();
        var prints = people.Select(p => hashes.Fingerprint(p.FullName, p.BirthDate, p.BirthYear, locality)).ToList();
        var (takenIds, knownPrints) = await Find(tenant, ids.OfType<byte[]>().ToArray(), prints.ToArray(), ct);

        // Two people of one household with one national ID is the same duplicate as one found in the table.
        var seen = new HashSet<string>();
        return [.. people.Select((_, i) =>
        {
            var id = ids[i] is { } h ? Convert.ToBase64String(h) : null;
            var taken = id is not null && (takenIds.Contains(id) || !seen.Add(id));
            return new DuplicateCheck(taken, knownPrints.Contains(Convert.ToBase64String(prints[i])), staffConfirmed);
        })];
    }

    /// <summary>
    /// The set form, one round trip for many people (a collective import's batch): which of these
    /// national-ID hashes any tenant holds, which of these fingerprints the tenant knows (base64).
    /// </summary>
    public async Task<(HashSet<string> TakenIds, HashSet<string> KnownPrints)> Find(string tenant, byte[][] nationalIds,
        byte[][] fingerprints, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            select 'id', id_hash from national_ids where id_hash = any($1)
            union all
            select 'print', fingerprint from person_fingerprints where tenant_id = $2 and fingerprint = any($3)
            """);
        command.Parameters.Add(new() { Value = nationalIds });
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = fingerprints });
        var takenIds = new HashSet<string>();
        var knownPrints = new HashSet<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                (reader.GetString(0) == "id" ? takenIds : knownPrints).Add(Convert.ToBase64String(reader.GetFieldValue<byte[]>(1)));
        return (takenIds, knownPrints);
    }
}
