using MutualAdmin.Domain;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Enrolment.Registering;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Enrolment.Importing;

/// <summary>
/// E-10: a collector's file, household by household, each validated on its own by the same rules as
/// the counter (HouseholdRegistration). The household id derives from collector + household_ref, so
/// a re-uploaded file finds its households registered and skips them. Several units run at once.
/// </summary>
public sealed class CollectiveImport(EventStore.EventStore store, NpgsqlDataSource db, BeneficiaryNumbers numbers,
    DuplicateLookup duplicates, TimeProvider clock, ImportProgress progress)
{
    private const int Parallel = 8;

    public async Task<ImportReport> Run(string collector, TextReader file, EventMetadata metadata, Guid importId, CancellationToken ct)
    {
        var run = progress.Start(importId, collector);
        var gate = new SemaphoreSlim(Parallel);
        var running = new List<Task>();
        await foreach (var household in HouseholdFile.Read(file, ct))
        {
            await gate.WaitAsync(ct);
            running.RemoveAll(t => t.IsCompleted);
            running.Add(Task.Run(async () =>
            {
                try { await One(collector, household, metadata, run, ct); }
                finally { gate.Release(); }
            }, ct));
        }
        await Task.WhenAll(running);
        return run.Finish();
    }

    private async Task One(string collector, HouseholdRows household, EventMetadata metadata, ImportRun run, CancellationToken ct)
    {
        var rows = household.Rows;
        try
        {
            if (household.Problem is { } problem) throw new FileRowException(rows[0].Number, "$", problem);
            if (rows.FirstOrDefault(r => r["collector_ref"] != collector) is { } foreign)
                throw new FileRowException(foreign.Number, "collector_ref", $"this file is for collector '{collector}'");
            var input = HouseholdFile.Input(household);
            var id = StableId.From("household", collector, household.Reference);
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
        catch (FileRowException e) { run.Rejected(rows.Count, new(e.Row, e.Field, e.Message)); }
        catch (RequestValidationException e)
        {
            foreach (var (field, messages) in e.Errors) run.Rejected(0, new(RowOf(rows, field), field, string.Join("; ", messages)));
            run.Rejected(rows.Count);
        }
        catch (DomainError e) { run.Rejected(rows.Count, new(RowOf(rows, e.Field), e.Field ?? "$", $"{e.Rule} {e.Code}: {e.Message}")); }
        // A concurrent upload of the same file registered it first.
        catch (ConcurrencyException) { run.Skipped(rows.Count); }
    }

    /// <summary>"member.sex" is the household's first row, "dependants[2].sex" its fourth.</summary>
    private static int RowOf(IReadOnlyList<FileRow> rows, string? field)
    {
        if (field?.StartsWith("dependants[", StringComparison.Ordinal) == true
            && int.TryParse(field["dependants[".Length..field.IndexOf(']')], out var i) && i + 1 < rows.Count)
            return rows[i + 1].Number;
        return rows[0].Number;
    }

    private async Task<bool> Exists(string tenant, Guid household, CancellationToken ct)
    {
        await using var command = db.CreateCommand("select exists (select 1 from streams where tenant_id = $1 and stream_id = $2)");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = EnrolmentStreams.Household(tenant, household).Key });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
