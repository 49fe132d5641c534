using Microsoft.Extensions.Logging;
using Npgsql;

namespace MutualAdmin.EventStore.Projections;

internal enum Step { Applied, Idle, Stop }

/// <summary>
/// Runs one generation of one projection while it holds the leader lock: reads a batch after the
/// checkpoint, applies it and moves the checkpoint in one transaction, guarded by the old checkpoint.
/// </summary>
internal sealed class ProjectionRunner(EventStore store, IProjection projection, int generation,
    ProjectionOptions options, ILogger logger, TimeProvider time, SharedReads? shared = null)
{
    private readonly string[] types = projection.EventTypes.ToArray();
    private readonly HashSet<string> typeSet = [.. projection.EventTypes];
    private ReadAhead? ahead;
    private readonly RebuildLog rebuildLog = new(projection.Name, generation, options.ProgressLogInterval, logger, time);

    /// <summary>True while this runner holds the leader lock.</summary>
    public bool Leading { get; private set; }

    public async Task Run(CancellationToken ct)
    {
        await using var leader = await LeaderLock.TryAcquire(store.DataSource, projection.Name, generation, ct);
        if (leader is null) return; // another node leads it; the daemon asks again later
        logger.LogInformation("Leading projection {Projection} generation {Generation}", projection.Name, generation);
        try
        {
            Leading = true;
            await Lead(leader, ct);
        }
        finally
        {
            Leading = false;
            Interlocked.Exchange(ref ahead, null)?.Forget();
        }
    }

    private async Task Lead(LeaderLock leader, CancellationToken ct)
    {
        var pinged = time.GetTimestamp();
        while (!ct.IsCancellationRequested && leader.Held)
        {
            if (time.GetElapsedTime(pinged) > options.SupervisionInterval)
            {
                if (!await leader.Ping(ct)) return;
                pinged = time.GetTimestamp();
            }
            try
            {
                var step = await RunStep(ct);
                if (step == Step.Stop) return;
                if (step == Step.Idle) await Task.Delay(options.PollInterval, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Projection {Projection} generation {Generation}: database error, retrying", projection.Name, generation);
                await Task.Delay(options.RetryDelay, time, ct);
            }
        }
    }

    /// <summary>One batch. Internal so tests can drive two runners by hand, past the leader lock.</summary>
    internal async Task<Step> RunStep(CancellationToken ct)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);
        var row = await Progress.Load(connection, projection.Name, generation, ct);
        if (row is null) return Step.Stop; // switched out by a rebuild
        if (row.Paused) return Step.Idle;
        // Live runners share the head and the reads behind it; a rebuild reads on its own.
        var sharing = row.Live ? shared : null;
        var head = sharing is not null ? await sharing.Head(ct) : await Progress.Head(connection, ct);
        if (row.Position >= head)
        {
            if (!row.Live && await Generations.Switch(store.DataSource, projection, generation, row.Position, ct))
                logger.LogInformation("Projection {Projection} generation {Generation} rebuilt and live", projection.Name, generation);
            return Step.Idle;
        }
        var limit = row.Live ? options.BatchSize : options.RebuildBatchSize;
        var (upTo, events) = await Read(row.Position, head, limit, sharing, connection, ct);
        // A short batch means nothing of ours lies between it and the window's end: the checkpoint jumps there.
        var to = events.Count == limit ? events[^1].Position : upTo;
        if (to < head) ahead = ReadAhead.Start(to, head, limit, (after, upTo) => Window(after, upTo, limit, sharing, null, ct));
        var batch = new ProjectionBatch(events, new ProjectionTables(generation));
        var step = await Commit(connection, row, batch, to, ct);
        if (step == Step.Applied && !row.Live)
        {
            rebuildLog.Report(to, head);
            // Caught up with the head this step began from: go live now and follow the rest as the live
            // generation. Waiting for a step that finds no new event would never switch while writers
            // keep appending faster than one step takes.
            if (to == head && await Generations.Switch(store.DataSource, projection, generation, to, ct))
                logger.LogInformation("Projection {Projection} generation {Generation} rebuilt and live", projection.Name, generation);
        }
        return step == Step.Applied && to == head ? Step.Idle : step;
    }

    /// <summary>Takes the read-ahead when it starts where this batch starts, else reads now.</summary>
    private async Task<(long UpTo, IReadOnlyList<Events.RecordedEvent> Events)> Read(long after, long head, int limit, SharedReads? sharing,
        NpgsqlConnection connection, CancellationToken ct)
    {
        var taken = Interlocked.Exchange(ref ahead, null);
        if (taken is not null && taken.After == after && taken.Limit == limit) return (taken.UpTo, await taken.Events);
        taken?.Forget();
        var upTo = ReadAhead.WindowEnd(after, head, limit);
        return (upTo, await Window(after, upTo, limit, sharing, connection, ct));
    }

    /// <summary>From what the live runners share when it holds the window, else read on its own.</summary>
    private async Task<IReadOnlyList<Events.RecordedEvent>> Window(long after, long upTo, int limit, SharedReads? sharing,
        NpgsqlConnection? connection, CancellationToken ct) =>
        (sharing is not null ? await sharing.TryRead(after, upTo, typeSet, limit, ct) : null)
        ?? await store.CrossTenant.ReadTypesBetween(after, upTo, types, limit, connection, ct);

    private async Task<Step> Commit(NpgsqlConnection connection, ProgressRow row, ProjectionBatch batch, long to, CancellationToken ct)
    {
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            try
            {
                if (batch.Events.Count > 0) await projection.Apply(batch, connection, tx, ct);
            }
            catch (Exception e) when (IsEventFailure(e, ct))
            {
                await tx.RollbackAsync(ct);
                return await new PoisonHandling(projection, generation, logger).Handle(connection, row, batch, to, e, ct);
            }
            if (await Progress.Advance(connection, tx, projection.Name, generation, row.Position, to, ct))
            {
                await tx.CommitAsync(ct);
                return Step.Applied;
            }
        } // disposing the transaction rolled the rows back
        return await WhyNotAdvanced(connection, row, ct);
    }

    /// <summary>Paused meanwhile by an operator: wait. Checkpoint moved or row gone: another runner leads, stop.</summary>
    private async Task<Step> WhyNotAdvanced(NpgsqlConnection connection, ProgressRow row, CancellationToken ct)
    {
        var now = await Progress.Load(connection, projection.Name, generation, ct);
        if (now is not null && now.Position == row.Position && now.Paused) return Step.Idle;
        logger.LogWarning("Projection {Projection} generation {Generation}: checkpoint moved under this runner, stopping", projection.Name, generation);
        return Step.Stop;
    }

    /// <summary>Cancellation and transient database errors are not the event's fault: they are retried, never dead-lettered.</summary>
    internal static bool IsEventFailure(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && e is not OperationCanceledException && e is not NpgsqlException { IsTransient: true };
}
