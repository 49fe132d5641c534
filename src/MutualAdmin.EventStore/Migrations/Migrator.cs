using System.Reflection;
using Npgsql;

namespace MutualAdmin.EventStore.Migrations;

/// <summary>A numbered schema change of one module (the store, or a feature's read models).</summary>
public sealed record MigrationScript(string Module, int Number, string Name, string Sql);

/// <summary>
/// Applies numbered .sql scripts in order, recorded in schema_migrations with a checksum. Every
/// script is re-runnable ("if not exists", "create or replace"), so a script whose text changed
/// since it was applied is applied again: that is how a new version of a function reaches existing
/// databases. Table changes go in a new numbered script. Nodes starting together queue on an
/// advisory lock instead of racing.
/// </summary>
public static class Migrator
{
    public const string Schema = "mutualadmin";
    private const long MigrationLock = 7305411062;

    /// <summary>Scripts embedded as resources named "…Sql.NNN_name.sql" in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<MigrationScript> FromAssembly(Assembly assembly, string module) =>
        assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Sql.", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.LastIndexOf(".Sql.", StringComparison.Ordinal) + 5)..];
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new MigrationScript(module, int.Parse(file[..3]), file, reader.ReadToEnd());
            })
            .OrderBy(s => s.Number)
            .ToList();

    public static IReadOnlyList<MigrationScript> Store => FromAssembly(typeof(Migrator).Assembly, "store");

    public static async Task Apply(NpgsqlDataSource dataSource, IEnumerable<MigrationScript> scripts, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await Execute(connection, null, $"select pg_advisory_lock({MigrationLock})", ct);
        try
        {
            await Execute(connection, null, $"""
                create schema if not exists {Schema};
                create table if not exists {Schema}.schema_migrations (
                    module text not null, number int not null, name text not null,
                    applied_at timestamptz not null default now(), primary key (module, number));
                alter table {Schema}.schema_migrations add column if not exists checksum text;
                """, ct);
            var applied = await Applied(connection, ct);
            foreach (var script in scripts.Where(s => applied.GetValueOrDefault((s.Module, s.Number)) != Checksum(s)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, tx, $"set local search_path = {Schema}, public", ct);
                await Execute(connection, tx, script.Sql, ct);
                await using var record = new NpgsqlCommand($"""
                    insert into {Schema}.schema_migrations (module, number, name, checksum) values ($1, $2, $3, $4)
                    on conflict (module, number) do update set name = excluded.name, checksum = excluded.checksum, applied_at = now()
                    """, connection, tx);
                record.Parameters.Add(new() { Value = script.Module });
                record.Parameters.Add(new() { Value = script.Number });
                record.Parameters.Add(new() { Value = script.Name });
                record.Parameters.Add(new() { Value = Checksum(script) });
                await record.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            await Execute(connection, null, $"select pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }

    /// <summary>True when every given script is recorded (what /health/ready asks).</summary>
    public static async Task<bool> IsUpToDate(NpgsqlDataSource dataSource, IEnumerable<MigrationScript> scripts, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var exists = new NpgsqlCommand($"select to_regclass('{Schema}.schema_migrations') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return false;
        var applied = await Applied(connection, ct);
        return scripts.All(s => applied.GetValueOrDefault((s.Module, s.Number)) == Checksum(s));
    }

    private static string Checksum(MigrationScript script) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script.Sql)));

    private static async Task<Dictionary<(string, int), string?>> Applied(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select module, number, checksum from {Schema}.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var applied = new Dictionary<(string, int), string?>();
        while (await reader.ReadAsync(ct)) applied[(reader.GetString(0), reader.GetInt32(1))] = reader.IsDBNull(2) ? null : reader.GetString(2);
        return applied;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
