using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>Every generation's status in one query; lag is measured on the database's clock, the one that stamped the events.</summary>
internal static class StatusQuery
{
    public static async Task<IReadOnlyList<ProjectionStatus>> Read(NpgsqlDataSource dataSource, string[] names,
        Func<string, int, bool> ledHere, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select p.name, p.generation, p.live, p.paused, p.paused_reason, p.position, h.head,
                   coalesce(extract(epoch from clock_timestamp() -
                       (select e.recorded_at from events e where e.seq > p.position order by e.seq limit 1))::float8, 0),
                   (select count(*) from dead_letters d
                     where d.projection = p.name and d.generation = p.generation and d.retried_at is null),
                   extract(epoch from clock_timestamp() - p.started_at)::float8
              from projection_progress p, (select coalesce(max(seq), 0) as head from events) h
             where p.name = any($1)
             order by p.name, p.generation
            """);
        command.Parameters.Add(new() { Value = names });
        await using var r = await command.ExecuteReaderAsync(ct);
        var statuses = new List<ProjectionStatus>();
        while (await r.ReadAsync(ct))
        {
            var (name, generation, live, paused) = (r.GetString(0), r.GetInt32(1), r.GetBoolean(2), r.GetBoolean(3));
            var (position, head) = (r.GetInt64(5), r.GetInt64(6));
            var state = paused ? ProjectionState.Paused : live ? ProjectionState.Running : ProjectionState.Rebuilding;
            var rebuild = live ? null : RebuildProgress.From(position, position, head, TimeSpan.FromSeconds(r.GetDouble(9)));
            statuses.Add(new(name, generation, live, state, position, head, Math.Max(0, r.GetDouble(7)),
                r.IsDBNull(4) ? null : r.GetString(4), r.GetInt64(8), ledHere(name, generation), rebuild));
        }
        return statuses;
    }
}
