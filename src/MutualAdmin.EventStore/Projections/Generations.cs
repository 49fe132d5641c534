using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>
/// Creating, rebuilding and switching generations of a projection's tables. Each operation runs in
/// one transaction under a per-projection advisory lock, so nodes starting together or two operators
/// clicking "rebuild" cannot interleave.
/// </summary>
internal static class Generations
{
    /// <summary>
    /// Creates generation 1 (tables, views, live progress row) unless a live generation exists;
    /// returns the projection version the live generation was built with.
    /// </summary>
    public static async Task<int> EnsureLive(NpgsqlDataSource dataSource, IProjection projection, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await Locked(connection, projection.Name, ct);
        var live = await Scalar(connection, tx, "select projection_version from projection_progress where name = $1 and live", projection.Name, ct);
        if (live is int version) return version;
        var generation = (int)(await Scalar(connection, tx, "select coalesce(max(generation), 0) + 1 from projection_progress where name = $1", projection.Name, ct))!;
        await Create(connection, tx, projection, generation, ct);
        await PointViews(connection, tx, projection, generation, ct);
        await Run(connection, tx, $"""
            insert into projection_progress (name, generation, live, projection_version) values ($1, {generation}, true, {projection.Version})
            """, projection.Name, ct);
        await tx.CommitAsync(ct);
        return projection.Version;
    }

    /// <summary>Starts filling a new generation from position 0; returns it (or the one already being rebuilt).</summary>
    public static async Task<int> StartRebuild(NpgsqlDataSource dataSource, IProjection projection, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await Locked(connection, projection.Name, ct);
        var running = await Scalar(connection, tx, $"""
            select generation from projection_progress where name = $1 and not live and projection_version = {projection.Version}
            """, projection.Name, ct);
        if (running is int existing) return existing;
        await DropSuperseded(connection, tx, projection, ct);
        var generation = (int)(await Scalar(connection, tx, "select coalesce(max(generation), 0) + 1 from projection_progress where name = $1", projection.Name, ct))!;
        await Create(connection, tx, projection, generation, ct);
        await Run(connection, tx, $"""
            insert into projection_progress (name, generation, rebuild_head, projection_version)
            values ($1, {generation}, (select coalesce(max(seq), 0) from events), {projection.Version})
            """, projection.Name, ct);
        await tx.CommitAsync(ct);
        return generation;
    }

    /// <summary>
    /// Makes a caught-up rebuild live: views point at it, the old generation's tables and progress
    /// row go. The old runner is fenced out by its progress row being gone. Dropping the tables waits
    /// for an old runner's open batch, which is why the old row is not locked first (no deadlock).
    /// </summary>
    public static async Task<bool> Switch(NpgsqlDataSource dataSource, IProjection projection, int generation, long position, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await Locked(connection, projection.Name, ct);
        var old = await Scalar(connection, tx, "select generation from projection_progress where name = $1 and live", projection.Name, ct);
        await PointViews(connection, tx, projection, generation, ct, dropGeneration: old as int?);
        await Run(connection, tx, "delete from projection_progress where name = $1 and live", projection.Name, ct);
        var promoted = await Run(connection, tx, $"""
            update projection_progress set live = true, rebuild_head = null, updated_at = now()
             where name = $1 and generation = {generation} and position = {position} and not paused
            """, projection.Name, ct);
        if (promoted == 0) return false; // moved or paused meanwhile: the dispose rolls everything back
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>A rebuild of another projection version gives way to this one; its runner is fenced out by its row going.</summary>
    private static async Task DropSuperseded(NpgsqlConnection connection, NpgsqlTransaction tx, IProjection projection, CancellationToken ct)
    {
        if (await Scalar(connection, tx, "select generation from projection_progress where name = $1 and not live", projection.Name, ct) is not int old)
            return;
        foreach (var table in projection.Tables)
            await Run(connection, tx, $"drop table if exists {ProjectionTables.Physical(table, old)}", null, ct);
        await Run(connection, tx, $"delete from projection_progress where name = $1 and generation = {old}", projection.Name, ct);
    }

    private static async Task Create(NpgsqlConnection connection, NpgsqlTransaction tx, IProjection projection, int generation, CancellationToken ct)
    {
        // Leftovers of an abandoned rebuild of the same generation number go first.
        foreach (var table in projection.Tables)
            await Run(connection, tx, $"drop table if exists {ProjectionTables.Physical(table, generation)} cascade", null, ct);
        await Run(connection, tx, projection.CreateTables(new ProjectionTables(generation)), null, ct);
    }

    private static async Task PointViews(NpgsqlConnection connection, NpgsqlTransaction tx, IProjection projection, int generation,
        CancellationToken ct, int? dropGeneration = null)
    {
        foreach (var table in projection.Tables)
        {
            await Run(connection, tx, $"drop view if exists {table}", null, ct);
            if (dropGeneration is int old)
                await Run(connection, tx, $"drop table if exists {ProjectionTables.Physical(table, old)}", null, ct);
            await Run(connection, tx, $"create view {table} as select * from {ProjectionTables.Physical(table, generation)}", null, ct);
        }
    }

    private static async Task<NpgsqlTransaction> Locked(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        var tx = await connection.BeginTransactionAsync(ct);
        await Run(connection, tx, "select pg_advisory_xact_lock(hashtextextended('projection-admin:' || $1, 0))", name, ct);
        return tx;
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx) { Parameters = { new() { Value = name } } };
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    private static async Task<int> Run(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, string? name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        if (name is not null) command.Parameters.Add(new() { Value = name });
        return await command.ExecuteNonQueryAsync(ct);
    }
}
