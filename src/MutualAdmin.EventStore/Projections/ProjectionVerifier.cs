using MutualAdmin.EventStore.Events;
using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>A row the live projection and a replay of the log disagree on.</summary>
/// <param name="Side">"live only" (in the live table, not in the replay) or "replay only".</param>
public sealed record ProjectionDifference(string Projection, string Table, string Side, string Row);

/// <param name="Note">Set when there was nothing to compare (the daemon never built the projection).</param>
public sealed record ProjectionVerification(string Projection, long Position, long EventsReplayed, IReadOnlyList<ProjectionDifference> Differences,
    string? Note = null)
{
    public bool Equal => Differences.Count == 0;
}

/// <summary>
/// replays the log into scratch tables and compares them with the live projection row by row.
/// The live rows are copied in the same snapshot as the checkpoint they are consistent with, and the
/// replay stops at that checkpoint, so a projection that goes on running meanwhile is no difference.
/// </summary>
public static class ProjectionVerifier
{
    private const int Scratch = 999_999, Batch = 2_500, ShownPerSide = 10;

    public static async Task<ProjectionVerification> Verify(EventStore store, IProjection projection,
        IProgress<long>? progress = null, CancellationToken ct = default)
    {
        var scratch = new ProjectionTables(Scratch);
        await using var connection = await store.DataSource.OpenConnectionAsync(ct);

        long position;
        await using (var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct))
        {
            await using (var checkpoint = new NpgsqlCommand("select position from projection_progress where name = $1 and live", connection, snapshot))
            {
                checkpoint.Parameters.Add(new() { Value = projection.Name });
                if (await checkpoint.ExecuteScalarAsync(ct) is not long live)
                    return new(projection.Name, 0, 0, [], "no live generation: the projection daemon has not built it yet");
                position = live;
            }
            foreach (var table in projection.Tables)
                await Run(connection, snapshot, $"drop table if exists verify_{table}; create temp table verify_{table} on commit preserve rows as select * from {table}", ct);
            await snapshot.CommitAsync(ct);
        }

        foreach (var table in projection.Tables) await Run(connection, null, $"drop table if exists {scratch[table]}", ct);
        await Run(connection, null, projection.CreateTables(scratch), ct);
        try
        {
            long replayed = 0;
            for (long after = 0; after < position;)
            {
                var events = await store.CrossTenant.ReadTypesBetween(after, position, [.. projection.EventTypes], Batch, connection, ct);
                if (events.Count == 0) break;
                await using (var tx = await connection.BeginTransactionAsync(ct))
                {
                    await projection.Apply(new ProjectionBatch([.. events.Where(e => e.Data is not UnknownEvent)], scratch), connection, tx, ct);
                    await tx.CommitAsync(ct);
                }
                after = events[^1].Position;
                replayed += events.Count;
                progress?.Report(replayed);
            }

            var differences = new List<ProjectionDifference>();
            foreach (var table in projection.Tables)
            {
                differences.AddRange(await Except(connection, projection.Name, table, $"verify_{table}", scratch[table], "live only", ct));
                differences.AddRange(await Except(connection, projection.Name, table, scratch[table], $"verify_{table}", "replay only", ct));
            }
            return new(projection.Name, position, replayed, differences);
        }
        finally
        {
            foreach (var table in projection.Tables)
            {
                await Run(connection, null, $"drop table if exists {scratch[table]}", CancellationToken.None);
                await Run(connection, null, $"drop table if exists verify_{table}", CancellationToken.None);
            }
        }
    }

    private static async Task<List<ProjectionDifference>> Except(NpgsqlConnection connection, string projection, string table,
        string left, string right, string side, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select row_to_json(d)::text from (select * from {left} except all select * from {right}) d limit {ShownPerSide}", connection);
        var found = new List<ProjectionDifference>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(new(projection, table, side, reader.GetString(0)));
        return found;
    }

    private static async Task Run(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
