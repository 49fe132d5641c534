using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Enrolment.Privacy;
using MutualAdmin.Web.Enrolment.Registering;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Enrolment.Importing;

/// <summary>
/// E-10: a collector's file, household by household, each validated on its own by the same rules as
/// the counter (HouseholdRegistration). The household id derives from collector + household_ref, so
/// a re-uploaded file finds its households registered and skips them.
/// The file is read as it arrives, in batches: each batch asks the database once per question (which
/// households exist, which national IDs and identities are known, numbers for all), decides every
/// household in file order as if those before it were registered, and writes the whole batch with its
/// inline projection rows in one bulk transaction (BulkAppender). A batch that collides with a
/// concurrent registration is rolled back and registered household by household, the counter's path,
/// so what is registered and reported is the same either way.
/// </summary>
public sealed class CollectiveImport(EventStore.EventStore store, NpgsqlDataSource db, BeneficiaryNumbers numbers,
    DuplicateLookup duplicates, PersonHashes hashes, TimeProvider clock, ImportProgress progress)
{
    /// <summary>Large enough that a batch's round trips cost little per household, small enough to hold in memory.</summary>
    public const int HouseholdsPerBatch = 1000;

    /// <summary>Units at once on the household-by-household path.</summary>
    private const int UnitsAtOnce = 8;

    public async Task<ImportReport> Run(string collector, TextReader file, EventMetadata metadata, Guid importId, CancellationToken ct,
        int householdsPerBatch = HouseholdsPerBatch)
    {
        var run = progress.Start(metadata.Tenant, importId, collector);
        // Two batches at a time: one is written while the next is read and decided.
        Batch? writing = null;
        try
        {
            var rows = new List<HouseholdRows>(householdsPerBatch);
            await foreach (var household in HouseholdFile.Read(file, ct))
            {
                rows.Add(household);
                if (rows.Count < householdsPerBatch) continue;
                writing = await Next(collector, metadata, run, writing, ReadAll(collector, rows, run), ct);
                rows = new(householdsPerBatch);
            }
            if (rows.Count > 0) writing = await Next(collector, metadata, run, writing, ReadAll(collector, rows, run), ct);
            if (writing is not null) await Finish(writing, ct);
            writing = null;
        }
        finally
        {
            // An import that fails still ends the batch in flight before the failure is reported.
            if (writing?.Written is { } pending) await pending.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        return run.Finish();
    }

    /// <summary>Decides the next batch while the one before is written, then starts writing it.</summary>
    private async Task<Batch> Next(string collector, EventMetadata metadata, ImportRun run, Batch? writing, List<Read> read,
        CancellationToken ct)
    {
        var next = await Decide(collector, metadata, run, read, writing, ct);
        // Decided on the assumption that the batch before commits as decided; it went household by household instead.
        if (writing is not null && !await Finish(writing, ct)) next = await Decide(collector, metadata, run, read, null, ct);
        // On the thread pool: the bulk append serialises the batch before its first await, which would
        // otherwise hold up the reading and deciding of the next batch.
        next.Written = next.Bulk.StreamCount == 0 ? Task.FromResult(true) : Task.Run(() => Save(next.Bulk, ct), ct);
        return next;
    }

    /// <summary>Reports the batch once its fate is known; false when it collided and went household by household.</summary>
    private async Task<bool> Finish(Batch batch, CancellationToken ct)
    {
        if (!await batch.Written!)
        {
            await PerHousehold(batch.Collector, batch.Read, batch.Metadata, batch.Run, ct);
            return false;
        }
        foreach (var outcome in batch.Outcomes) outcome();
        foreach (var (h, events) in batch.Registered) batch.Run.Registered(h.Rows.Count, events);
        return true;
    }

    /// <summary>True once committed, false when the batch collided with a concurrent registration and nothing was written.</summary>
    private static async Task<bool> Save(BulkAppender bulk, CancellationToken ct)
    {
        try
        {
            await bulk.Save(ct);
            return true;
        }
        catch (Exception e) when (Collided(e))
        {
            return false;
        }
    }

    private sealed record Read(HouseholdRows Household, HouseholdInput Input, Guid Id)
    {
        public IReadOnlyList<FileRow> Rows => Household.Rows;
    }

    /// <summary>A batch decided and ready to write, and what it registers and reports once written.</summary>
    private sealed class Batch(string collector, EventMetadata metadata, ImportRun run, BulkAppender bulk, List<Read> read)
    {
        public string Collector => collector;
        public EventMetadata Metadata => metadata;
        public ImportRun Run => run;
        public BulkAppender Bulk => bulk;
        /// <summary>The households past the file's own checks: the per-household path's input on a collision.</summary>
        public List<Read> Read => read;
        /// <summary>Reports that depend on the database, made once the batch commits.</summary>
        public List<Action> Outcomes { get; } = [];
        public List<(Read Household, int Events)> Registered { get; } = [];
        public HashSet<Guid> Started { get; } = [];
        /// <summary>National IDs (hashes, base64) this batch found taken or registers.</summary>
        public HashSet<string> TakenIds { get; set; } = [];
        /// <summary>Identity fingerprints (base64) this batch found known or registers.</summary>
        public HashSet<string> KnownPrints { get; set; } = [];
        public Task<bool>? Written { get; set; }
    }

    /// <summary>What the file says on its own is final: a household it refuses is reported at once.</summary>
    private static List<Read> ReadAll(string collector, IReadOnlyList<HouseholdRows> rows, ImportRun run)
    {
        var read = new List<Read>(rows.Count);
        foreach (var household in rows)
        {
            try { read.Add(ReadHousehold(collector, household)); }
            catch (Exception e) when (Rejectable(e)) { Reject(run, household.Rows, e); }
        }
        return read;
    }

    /// <summary>
    /// Decides one batch. <paramref name="before"/> is the batch being written meanwhile: its households,
    /// national IDs and identities count as registered, as they will be once it commits.
    /// </summary>
    private async Task<Batch> Decide(string collector, EventMetadata metadata, ImportRun run, List<Read> read, Batch? before,
        CancellationToken ct)
    {
        var tenant = metadata.Tenant;
        var batch = new Batch(collector, metadata, run, store.Bulk(metadata), read);
        if (batch.Read.Count == 0) return batch;

        // The keyed hashes of every person are the CPU part of the look-ups: on every core, in file order.
        var looked = read.AsParallel().AsOrdered().Select(h =>
        {
            try
            {
                var people = HouseholdRegistration.Candidates(h.Input);
                return (Household: h, People: people,
                    Ids: people.Select(p => p.NationalId is { Length: > 0 } id ? Convert.ToBase64String(hashes.NationalId(id)) : null).ToArray(),
                    Prints: people.Select(p => Convert.ToBase64String(hashes.Fingerprint(p.FullName, p.BirthDate, p.BirthYear, h.Input.Locality))).ToArray(),
                    Refused: (Exception?)null);
            }
            catch (Exception e) when (Rejectable(e)) { return (h, [], [], [], e); }
        }).ToList();
        // Known people first, existing households second: a concurrent upload of the same file that commits
        // in between shows as households already registered, never as their own people taken (E-4).
        var (takenIds, knownPrints) = await duplicates.Find(tenant,
            [.. looked.SelectMany(h => h.Ids).OfType<string>().Distinct().Select(Convert.FromBase64String)],
            [.. looked.SelectMany(h => h.Prints).Distinct().Select(Convert.FromBase64String)], ct);
        // Every registered person leaves a fingerprint, so only a household with someone known can be
        // registered already: the others (nearly all of a new file) are not looked for. One whose people
        // were all erased or corrected since collides on its stream when written, and the batch goes the
        // household-by-household way, which finds it registered.
        var maybeRegistered = looked.Where(h => h.Refused is not null || h.Prints.Any(knownPrints.Contains)
            || h.Ids.Any(id => id is not null && takenIds.Contains(id))).Select(h => h.Household).ToList();
        var existing = maybeRegistered.Count == 0 ? [] : await Existing(tenant, maybeRegistered, ct);
        var fresh = new List<(Read Household, IReadOnlyList<Candidate> People, string?[] Ids, string[] Prints)>(read.Count);
        foreach (var (h, people, ids, prints, refused) in looked)
        {
            if (existing.Contains(EnrolmentStreams.Household(tenant, h.Id).Key) || before?.Started.Contains(h.Id) == true)
                batch.Outcomes.Add(() => run.Skipped(h.Rows.Count));
            else if (refused is not null)
                batch.Outcomes.Add(() => Reject(run, h.Rows, refused));
            else
                fresh.Add((h, people, ids, prints));
        }
        if (fresh.Count == 0) return batch;

        var drawn = await numbers.Draw(fresh.Sum(h => h.People.Count), ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var next = 0;
        foreach (var (h, people, ids, prints) in fresh)
        {
            var householdNumbers = drawn.Skip(next).Take(people.Count).ToList();
            next += people.Count;
            // The same household_ref twice in one batch: the second finds the first registered.
            if (batch.Started.Contains(h.Id)) { batch.Outcomes.Add(() => run.Skipped(h.Rows.Count)); continue; }
            // DuplicateLookup.Check's answer, with the households decided before this one counted as registered.
            var seen = new HashSet<string>();
            var checks = people.Select((_, i) => new DuplicateCheck(
                ids[i] is { } id && (takenIds.Contains(id) || before?.TakenIds.Contains(id) == true || !seen.Add(id)),
                knownPrints.Contains(prints[i]) || before?.KnownPrints.Contains(prints[i]) == true, false)).ToList();
            try
            {
                var events = HouseholdRegistration.Decide(h.Input, h.Id, today, householdNumbers, checks,
                    collector, h.Rows[0]["external_member_ref"]);
                batch.Bulk.StartStream(EnrolmentStreams.Household(tenant, h.Id), "household", [.. events]);
                batch.Started.Add(h.Id);
                takenIds.UnionWith(ids.OfType<string>());
                knownPrints.UnionWith(prints);
                batch.Registered.Add((h, events.Count));
            }
            catch (Exception e) when (Rejectable(e)) { batch.Outcomes.Add(() => Reject(run, h.Rows, e)); }
        }
        // Only this batch's own findings and claims are handed on: the one before has committed by the time they are read.
        batch.TakenIds = takenIds;
        batch.KnownPrints = knownPrints;
        return batch;
    }

    /// <summary>A concurrent registration took one of the batch's streams or national IDs first (E-4's unique key).</summary>
    private static bool Collided(Exception e) =>
        e is ConcurrencyException || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "national_ids" };

    private async Task PerHousehold(string collector, IReadOnlyList<Read> households, EventMetadata metadata, ImportRun run, CancellationToken ct) =>
        await Parallel.ForEachAsync(households, new ParallelOptions { MaxDegreeOfParallelism = UnitsAtOnce, CancellationToken = ct },
            async (h, token) => await One(collector, h.Household, metadata, run, token));

    /// <summary>One household as its own unit of work: the path of a batch that collided.</summary>
    private async Task One(string collector, HouseholdRows household, EventMetadata metadata, ImportRun run, CancellationToken ct)
    {
        var rows = household.Rows;
        try
        {
            var (_, input, id) = ReadHousehold(collector, household);
            if (await Exists(metadata.Tenant, id, ct)) { run.Skipped(rows.Count); return; }

            var candidates = HouseholdRegistration.Candidates(input);
            var checks = await duplicates.Check(metadata.Tenant, candidates, input.Locality, false, ct);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var events = HouseholdRegistration.Decide(input, id, today, await numbers.Draw(candidates.Count, ct), checks,
                collector, rows[0]["external_member_ref"]);
            await using var session = store.OpenSession(metadata);
            session.StartStream(EnrolmentStreams.Household(metadata.Tenant, id), "household", [.. events]);
            await session.SaveEnrolment(ct);
            run.Registered(rows.Count, events.Count);
        }
        // A concurrent upload of the same file registered it first.
        catch (ConcurrencyException) { run.Skipped(rows.Count); }
        catch (Exception e) when (Rejectable(e)) { Reject(run, rows, e); }
    }

    private static Read ReadHousehold(string collector, HouseholdRows household)
    {
        var rows = household.Rows;
        if (household.Problem is { } problem) throw new FileRowException(rows[0].Number, "$", problem);
        if (rows.FirstOrDefault(r => r["collector_ref"] != collector) is { } foreign)
            throw new FileRowException(foreign.Number, "collector_ref", $"this file is for collector '{collector}'");
        return new(household, HouseholdFile.Input(household), StableId.From("household", collector, household.Reference));
    }

    private static bool Rejectable(Exception e) => e is FileRowException or RequestValidationException or DomainError;

    /// <summary>Reports why a household is refused, per row and field.</summary>
    private static void Reject(ImportRun run, IReadOnlyList<FileRow> rows, Exception e)
    {
        switch (e)
        {
            case FileRowException f:
                run.Rejected(rows.Count, new(f.Row, f.Field, f.Message));
                break;
            case RequestValidationException v:
                foreach (var (field, messages) in v.Errors) run.Rejected(0, new(RowOf(rows, field), field, string.Join("; ", messages)));
                run.Rejected(rows.Count);
                break;
            case DomainError d:
                run.Rejected(rows.Count, new(RowOf(rows, d.Field), d.Field ?? "$", $"{d.Rule} {d.Code}: {d.Message}"));
                break;
        }
    }

    /// <summary>"member.sex" is the household's first row, "dependants[2].sex" its fourth.</summary>
    private static int RowOf(IReadOnlyList<FileRow> rows, string? field)
    {
        if (field?.StartsWith("dependants[", StringComparison.Ordinal) == true
            && int.TryParse(field["dependants[".Length..field.IndexOf(']')], out var i) && i + 1 < rows.Count)
            return rows[i + 1].Number;
        return rows[0].Number;
    }

    /// <summary>The batch's households already registered (by an earlier upload of the file), as stream keys.</summary>
    private async Task<HashSet<string>> Existing(string tenant, IReadOnlyList<Read> households, CancellationToken ct)
    {
        await using var command = db.CreateCommand("select stream_id from streams where tenant_id = $1 and stream_id = any($2)");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = households.Select(h => EnrolmentStreams.Household(tenant, h.Id).Key).ToArray() });
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(reader.GetString(0));
        return found;
    }

    private async Task<bool> Exists(string tenant, Guid household, CancellationToken ct)
    {
        await using var command = db.CreateCommand("select exists (select 1 from streams where tenant_id = $1 and stream_id = $2)");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = EnrolmentStreams.Household(tenant, household).Key });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
