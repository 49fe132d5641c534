using System.Diagnostics;
using MutualAdmin.EventStore.Projections;
using Npgsql;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// `import --floor`: what the rows an import leaves cost to load with no logic at all. The bench
/// mutual's rows of every table the import writes (inline) and of every projection table it fills
/// (async) are copied out, then each is timed as one binary COPY into an empty table of the same
/// shape and indexes. The baseline's own rows go the same way, so the floor ratio compares like with
/// like: it is the most any import writing these rows could reach, with no validation, no look-up, no
/// encryption, no hash and no projection reading the log. `import_of_floor_*` turns it round: the
/// floor's seconds over the import's, how near the import comes to a plain load of the same rows.
/// </summary>
internal static class ImportFloor
{
    /// <summary>What a household registration writes in its own transaction: the log and the inline projections.</summary>
    private static readonly string[] Inline =
        ["streams", "events", "person_keys", "national_ids", "person_fingerprints", "eligibility_beneficiaries"];

    /// <summary>
    /// The floor's figures, and the import against it: the floor's seconds over the import's, the
    /// import's own rows alone and with its projections' rows (the default run pays for both).
    /// </summary>
    public static async Task<string> Measure(Bench bench, ProjectionDaemon daemon, IEnumerable<IProjection> projections, string tenant,
        double importSeconds)
    {
        await daemon.WaitForCatchUp(TimeSpan.FromMinutes(10));
        var generations = (await daemon.Status()).Where(s => s.Live).ToDictionary(s => s.Name, s => s.Generation);
        var async = projections.SelectMany(p => p.Tables.Select(t => new ProjectionTables(generations[p.Name])[t])).ToList();

        var raw = await Load(bench, "raw_import", null);
        var inline = new List<(string Table, double Seconds)>();
        foreach (var table in Inline) inline.Add((table, await Load(bench, table, tenant)));
        var filled = new List<(string Table, double Seconds)>();
        foreach (var table in async)
            if (await Rows(bench, table, tenant) > 0) filled.Add((table, await Load(bench, table, tenant)));

        var inlineSeconds = inline.Sum(t => t.Seconds);
        var allSeconds = inlineSeconds + filled.Sum(t => t.Seconds);
        return FormattableString.Invariant(
            $"floor=[raw_import:{raw:F2}s {string.Join(' ', inline.Concat(filled).Select(t => $"{t.Table}:{t.Seconds:F2}s"))}] floor_inline_s={inlineSeconds:F1} floor_all_s={allSeconds:F1} floor_ratio_inline={raw / inlineSeconds:F3} floor_ratio_all={raw / allSeconds:F3} import_of_floor_inline={inlineSeconds / importSeconds:F3} import_of_floor_all={allSeconds / importSeconds:F3}");
    }

    private static async Task<long> Rows(Bench bench, string table, string tenant)
    {
        await using var command = bench.DataSource.CreateCommand($"select count(*) from {table} where tenant_id = $1");
        command.Parameters.Add(new() { Value = tenant });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Seconds to COPY the table's rows (of <paramref name="tenant"/>, or all) into an empty copy of it.</summary>
    private static async Task<double> Load(Bench bench, string table, string? tenant)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mutualadmin-floor-{Guid.NewGuid():N}.bin");
        try
        {
            await using var connection = await bench.DataSource.OpenConnectionAsync();
            var rows = tenant is null ? table : $"(select * from {table} where tenant_id = {Literal(tenant)})";
            await using (var output = File.Create(file))
            await using (var copy = await connection.BeginRawBinaryCopyAsync($"copy {rows} to stdout (format binary)"))
                await copy.CopyToAsync(output);
            await Execute(connection, $"drop table if exists floor_{table}; create table floor_{table} (like {table} including all)");

            var stopwatch = Stopwatch.StartNew();
            await using (var input = File.OpenRead(file))
            await using (var copy = await connection.BeginRawBinaryCopyAsync($"copy floor_{table} from stdin (format binary)"))
                await input.CopyToAsync(copy);
            var seconds = stopwatch.Elapsed.TotalSeconds;

            await Execute(connection, $"drop table floor_{table}");
            return seconds;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''")}'";

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
