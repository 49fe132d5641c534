using MutualAdmin.Domain;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Schemes;
using Npgsql;

namespace MutualAdmin.Web.Contributions.Ageing;

/// <summary>
/// K-6 on the day nothing else happens: an instalment left unpaid past its grace period suspends the
/// affiliation without any command, so this job records the suspension (payments and reversals
/// record theirs themselves). Candidates come from the arrears ledger (a lag only delays the record
/// by a run); each is decided again on its folded account, so the job is idempotent and driven by
/// the business date it is given. It also opens the account of an active affiliation nobody has
/// paid on (an indigent household pays nothing, yet its subsidy shares are receivables, K-7).
/// </summary>
public sealed class ArrearsSweep(EventStore.EventStore store, NpgsqlDataSource db, SchemeCatalogues catalogues, ILogger<ArrearsSweep> logger)
{
    public async Task<int> Run(DateOnly today, CancellationToken ct)
    {
        var recorded = 0;
        foreach (var (tenant, affiliation) in await Candidates(today, ct))
        {
            await using var session = store.OpenSession(EventMetadata.System(tenant, "record-arrears-suspension"));
            AccountFile? file;
            try
            {
                file = await AccountFile.Load(session, affiliation, catalogues, ct);
            }
            catch (Audit.Disregarding.ImpossibleEventException e)
            {
                // Issue 22: one account holding an impossible amount waits for a manager; the others are swept.
                logger.LogError("Arrears sweep skipped affiliation {Affiliation} of {Tenant}: {Reason}", affiliation, tenant, e.Message);
                continue;
            }
            if (file is null) continue;
            if (file.Stored.State is Domain.Contributions.ContributionAccount.NotOpened
                && file.Affiliation.State is not Domain.Enrolment.Affiliation.Activated) continue; // opens on its first payment
            var change = AccountChange.Decide(file, null, today);
            if (change.IsNothing) continue;
            change.AppendTo(session);
            try
            {
                await session.SaveChanges(ct);
                recorded++;
            }
            catch (EventStore.ConcurrencyException) { } // paid meanwhile: the next run decides again
        }
        return recorded;
    }

    // The shortest grace any scheme could give is 0 days: the decision on the account applies the real one.
    private async Task<List<(string, Guid)>> Candidates(DateOnly today, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select tenant_id, affiliation_id from {ArrearsLedger.Table} where member_paid < member_share and due_on < $1
            union
            select h.tenant_id, h.affiliation_id from household_affiliations h
             where not exists (select 1 from contribution_accounts a where a.tenant_id = h.tenant_id and a.affiliation_id = h.affiliation_id)
             order by 1, 2
            """);
        command.Parameters.Add(new() { Value = today });
        var all = new List<(string, Guid)>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) all.Add((r.GetString(0), r.GetGuid(1)));
        return all;
    }
}

/// <summary>Runs the sweep with today's date from the injected clock, a while after start and then every few hours.</summary>
public sealed class ArrearsSweepSchedule(IServiceProvider services, TimeProvider clock, ILogger<ArrearsSweepSchedule> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(2), clock, ct); // after the database and the daemon have started
                var suspended = await services.GetRequiredService<ArrearsSweep>().Run(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
                if (suspended > 0) logger.LogInformation("Recorded {Count} suspensions for arrears or account openings", suspended);
                await Task.Delay(Every, clock, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or DomainError)
            {
                logger.LogWarning(e, "The arrears sweep failed; it runs again later");
            }
        }
    }
}
