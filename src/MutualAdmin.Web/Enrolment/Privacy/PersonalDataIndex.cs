using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Web.Enrolment.Privacy;

/// <summary>
/// Inline, in the transaction of the person's first event: their key (so no event is ever written
/// that cannot be opened), the blind index of their national ID (E-4: its unique key makes the second
/// of two racing registrations fail and roll back whole) and their identity fingerprint (E-4 warning).
/// </summary>
public sealed class PersonalDataIndex(PersonKeys keys, PersonHashes hashes) : IBulkInlineProjection
{
    public bool Concerns(IReadOnlyList<PendingEvent> events) =>
        events.Any(e => e.Data is MemberRegistered or DependantAdded or PersonDetailsCorrected or PersonErased);

    public async Task Apply(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct)
    {
        var localities = events.Select(e => e.Data).OfType<MemberRegistered>().ToDictionary(m => m.HouseholdId, m => m.Locality);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var e in events)
        {
            if (e.Data is PersonErased erased)
            {
                // The key goes, and with it every sealed copy of the data; the keyed hashes go too.
                foreach (var table in new[] { "person_keys", "national_ids", "person_fingerprints" })
                    batch.BatchCommands.Add(Command($"delete from {table} where tenant_id = $1 and person_id = $2", tenant, erased.PersonId));
                continue;
            }
            var (person, personal, birthYear, household) = e.Data switch
            {
                MemberRegistered m => (m.PersonId, m.Personal, m.BirthYear, m.HouseholdId),
                DependantAdded d => (d.PersonId, d.Personal, d.BirthYear, d.HouseholdId),
                PersonDetailsCorrected c => (c.PersonId, c.Personal, c.BirthYear, c.HouseholdId),
                _ => (Guid.Empty, null!, 0, Guid.Empty),
            };
            if (person == Guid.Empty) continue;
            if (e.Data is PersonDetailsCorrected)
            {
                // The corrected details replace the person's index rows: the key stays, the old ID and
                // identity are released, and a new ID someone else holds fails on the same unique key.
                batch.BatchCommands.Add(Command("delete from national_ids where tenant_id = $1 and person_id = $2", tenant, person));
                batch.BatchCommands.Add(Command("delete from person_fingerprints where tenant_id = $1 and person_id = $2", tenant, person));
            }
            else
                batch.BatchCommands.Add(Command("insert into person_keys (tenant_id, person_id, key) values ($1, $2, $3)",
                    tenant, person, keys.TakeMinted(person)));
            if (personal.NationalId is { Length: > 0 } nationalId)
                batch.BatchCommands.Add(Command("insert into national_ids (id_hash, tenant_id, person_id) values ($2, $1, $3)",
                    tenant, hashes.NationalId(nationalId), person));
            var locality = localities.TryGetValue(household, out var l) ? l : await Locality(tenant, household, connection, ct);
            if (locality is not null)
                batch.BatchCommands.Add(Command("insert into person_fingerprints (tenant_id, fingerprint, person_id) values ($1, $2, $3) on conflict do nothing",
                    tenant, hashes.Fingerprint(personal.FullName, personal.BirthDate, birthYear, locality), person));
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The same rows for a bulk batch of new households (E-10), by COPY: a national ID taken meanwhile
    /// fails the whole batch on the same unique key, and the caller retries it household by household.
    /// </summary>
    public async Task ApplyToNewStreams(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct)
    {
        var localities = events.Select(e => e.Data).OfType<MemberRegistered>().ToDictionary(m => m.HouseholdId, m => m.Locality);
        var people = new List<(Guid Person, PersonalData Personal, int BirthYear, Locality Locality)>(events.Count);
        foreach (var e in events)
        {
            var (person, personal, birthYear, household) = e.Data switch
            {
                MemberRegistered m => (m.PersonId, m.Personal, m.BirthYear, m.HouseholdId),
                DependantAdded d => (d.PersonId, d.Personal, d.BirthYear, d.HouseholdId),
                _ => (Guid.Empty, null!, 0, Guid.Empty),
            };
            if (person == Guid.Empty) continue;
            // A dependant of a household the batch does not start: the general path reads where it lives.
            if (!localities.TryGetValue(household, out var locality)) { await Apply(tenant, events, connection, transaction, ct); return; }
            people.Add((person, personal, birthYear, locality));
        }
        // The keyed hashes are the CPU part of the rows: computed on every core, then copied in order.
        var rows = people.AsParallel().AsOrdered().Select(p => (p.Person, Key: keys.TakeMinted(p.Person),
            Id: p.Personal.NationalId is { Length: > 0 } nationalId ? hashes.NationalId(nationalId) : null,
            Print: hashes.Fingerprint(p.Personal.FullName, p.Personal.BirthDate, p.BirthYear, p.Locality))).ToList();
        await using (var copy = await connection.BeginBinaryImportAsync("copy person_keys (tenant_id, person_id, key) from stdin (format binary)", ct))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(tenant, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Person, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(r.Key, NpgsqlDbType.Bytea, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync("copy national_ids (id_hash, tenant_id, person_id) from stdin (format binary)", ct))
        {
            foreach (var r in rows)
            {
                if (r.Id is null) continue;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.Id, NpgsqlDbType.Bytea, ct);
                await copy.WriteAsync(tenant, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Person, NpgsqlDbType.Uuid, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // Fresh person ids: no fingerprint row can exist yet, so no "on conflict" is needed.
        await using (var copy = await connection.BeginBinaryImportAsync("copy person_fingerprints (tenant_id, fingerprint, person_id) from stdin (format binary)", ct))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(tenant, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Print, NpgsqlDbType.Bytea, ct);
                await copy.WriteAsync(r.Person, NpgsqlDbType.Uuid, ct);
            }
            await copy.CompleteAsync(ct);
        }
    }

    /// <summary>A dependant added later lives where the household lives (kept beside the index).</summary>
    private static async Task<Locality?> Locality(string tenant, Guid household, NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select data -> 'locality' ->> 'region', data -> 'locality' ->> 'district', data -> 'locality' ->> 'commune' from events where tenant_id = $1 and stream_id = $2 and version = 1", connection);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = $"household-{household}" });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? new(reader.GetString(0), reader.GetString(1), reader.GetString(2)) : null;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(new() { Value = v });
        return command;
    }
}
