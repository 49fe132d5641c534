using Microsoft.Extensions.Logging;
using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>
/// What happens when a batch fails (architecture.md decision 6): in normal running the failing
/// events go to dead letters and the projection goes on; during a rebuild the rebuild pauses with the
/// error, because a rebuild that skips events would switch in a wrong read model.
/// </summary>
internal sealed class PoisonHandling(IProjection projection, int generation, ILogger logger)
{
    public async Task<Step> Handle(NpgsqlConnection connection, ProgressRow row, ProjectionBatch batch, long to, Exception error, CancellationToken ct)
    {
        var current = await Progress.Load(connection, projection.Name, generation, ct);
        // Gone or moved: switched out or fenced; the failure was a symptom, not the event's fault.
        if (current is null || current.Position != row.Position) return Step.Stop;
        if (current.Paused) return Step.Idle;
        if (!current.Live)
        {
            var failed = await FirstFailing(connection, batch, ct) ?? batch.Events[0];
            await Pause(connection, $"rebuild stopped at event {failed.Position} ({failed.Type}): {error.Message}", error, ct);
            return Step.Idle;
        }
        return await DeadLetterFailing(connection, row, batch, to, ct);
    }

    private async Task<Step> DeadLetterFailing(NpgsqlConnection connection, ProgressRow row, ProjectionBatch batch, long to, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        var failures = 0;
        Exception? last = null;
        foreach (var e in batch.Events)
        {
            await tx.SaveAsync("event", ct);
            try
            {
                await projection.Apply(batch with { Events = [e] }, connection, tx, ct);
                await tx.ReleaseAsync("event", ct);
            }
            catch (Exception failure) when (ProjectionRunner.IsEventFailure(failure, ct))
            {
                await tx.RollbackAsync("event", ct);
                await DeadLetters.Record(connection, tx, projection.Name, generation, e, failure, ct);
                logger.LogError(failure, "Projection {Projection}: event {Position} ({Type}) dead-lettered", projection.Name, e.Position, e.Type);
                (failures, last) = (failures + 1, failure);
            }
        }
        // Every event of a real batch failing is the projection's fault (a bad table, a bug), not the events'.
        if (failures > 1 && failures == batch.Events.Count)
        {
            await tx.RollbackAsync(ct);
            await Pause(connection, $"every event of a batch of {failures} failed: {last!.Message}", last, ct);
            return Step.Idle;
        }
        if (!await Progress.Advance(connection, tx, projection.Name, generation, row.Position, to, ct)) return Step.Stop;
        await tx.CommitAsync(ct);
        return Step.Applied;
    }

    /// <summary>Finds the first failing event of a batch by applying event after event in a transaction that is rolled back.</summary>
    private async Task<Events.RecordedEvent?> FirstFailing(NpgsqlConnection connection, ProjectionBatch batch, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var e in batch.Events)
        {
            try { await projection.Apply(batch with { Events = [e] }, connection, tx, ct); }
            catch (Exception failure) when (ProjectionRunner.IsEventFailure(failure, ct)) { return e; }
        }
        return null;
    }

    private async Task Pause(NpgsqlConnection connection, string reason, Exception error, CancellationToken ct)
    {
        logger.LogError(error, "Projection {Projection} generation {Generation} paused: {Reason}", projection.Name, generation, reason);
        await using var command = new NpgsqlCommand(
            "update projection_progress set paused = true, paused_reason = $3, updated_at = now() where name = $1 and generation = $2", connection);
        command.Parameters.Add(new() { Value = projection.Name });
        command.Parameters.Add(new() { Value = generation });
        command.Parameters.Add(new() { Value = reason });
        await command.ExecuteNonQueryAsync(ct);
    }
}
