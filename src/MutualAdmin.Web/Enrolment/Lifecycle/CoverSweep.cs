using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Enrolment.Eligibility;
using Npgsql;

namespace MutualAdmin.Web.Enrolment.Lifecycle;

/// <summary>
/// E-8: records the lapse of affiliations not renewed by the end of their year + grace, so the Fund's
/// feed and the reports see it as an event. Cover itself never waits for this job (Cover.On already
/// answers "lapsed" from the dates); the job is idempotent (the decider refuses nothing twice and
/// records nothing twice) and driven by the business date it is given, so a test can run any day.
/// </summary>
public sealed class CoverSweep(EventStore.EventStore store, NpgsqlDataSource db)
{
    public async Task<int> Run(DateOnly today, CancellationToken ct)
    {
        var recorded = 0;
        foreach (var (tenant, id) in await Affiliations(ct))
        {
            await using var session = store.OpenSession(EventMetadata.System(tenant, "record-lapse"));
            var affiliation = await session.FetchAffiliation(id, ct);
            if (affiliation.State is not Affiliation.Activated { Ended: null } a
                || today <= a.LastYear.End.AddDays(a.Terms.GracePeriodDays)) continue;
            var events = AffiliationDecider.Decide(new RecordLapse(id, today), a);
            if (events.Count == 0) continue;
            session.Append(affiliation, [.. events]);
            try
            {
                await session.SaveChanges(ct);
                recorded++;
            }
            catch (EventStore.ConcurrencyException) { } // renewed or ended meanwhile: the next run decides again
        }
        return recorded;
    }

    private async Task<List<(string Tenant, Guid Id)>> Affiliations(CancellationToken ct)
    {
        await using var command = db.CreateCommand("select tenant_id, affiliation_id from household_affiliations order by tenant_id, affiliation_id");
        var all = new List<(string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) all.Add((reader.GetString(0), reader.GetGuid(1)));
        return all;
    }
}

/// <summary>Runs the sweep with today's date from the injected clock, at start and then every few hours.</summary>
/// <remarks>The sweep is resolved on first run: hosted services are built before the database has started.</remarks>
public sealed class CoverSweepSchedule(IServiceProvider services, TimeProvider clock, ILogger<CoverSweepSchedule> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(1), clock, ct); // let the database start first
                var lapsed = await services.GetRequiredService<CoverSweep>().Run(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
                if (lapsed > 0) logger.LogInformation("Recorded {Count} lapsed affiliations", lapsed);
                await Task.Delay(Every, clock, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or DomainError)
            {
                logger.LogWarning(e, "The cover sweep failed; it runs again later");
            }
        }
    }
}
