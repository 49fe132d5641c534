using System.Text.Json;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Seeding;
using Npgsql;

namespace MutualAdmin.Web.Reference;

public sealed record Provider(string Id, string Name, string Level, string Region, string District, string Commune, string ContractReference);

/// <summary>Providers, collectors and ICD-10 codes: written by seeding and administration, read by the features.</summary>
public sealed class ReferenceData(Database database)
{
    public async Task SaveProvider(ProviderSeed p, CancellationToken ct) => await Execute("""
        insert into providers (tenant_id, provider_id, name, level, region, district, commune, contract_reference)
        values ($1, $2, $3, $4, $5, $6, $7, $8)
        on conflict (tenant_id, provider_id) do update set name = excluded.name, level = excluded.level,
            region = excluded.region, district = excluded.district, commune = excluded.commune, contract_reference = excluded.contract_reference
        """, ct, p.Tenant, p.Id, p.Name, p.Level, p.Locality.Region, p.Locality.District, p.Locality.Commune, p.ContractReference);

    public async Task SaveCollector(CollectorSeed c, CancellationToken ct) => await Execute("""
        insert into collectors (tenant_id, collector_id, name, kind, agreement) values ($1, $2, $3, $4, $5::jsonb)
        on conflict (tenant_id, collector_id) do update set name = excluded.name, kind = excluded.kind, agreement = excluded.agreement
        """, ct, c.Tenant, c.Id, c.Name, c.Kind, JsonSerializer.Serialize(c.Agreement, JsonSerializerOptions.Web));

    /// <summary>Loads the code list in one COPY; codes already known keep their description.</summary>
    public async Task SaveIcd10(IEnumerable<Icd10Code> codes, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand("create temp table icd10_incoming (code text, description text) on commit drop", connection, tx))
            await create.ExecuteNonQueryAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync("copy icd10_incoming from stdin (format binary)", ct))
        {
            foreach (var code in codes) await copy.WriteRowAsync(ct, code.Code, code.Description);
            await copy.CompleteAsync(ct);
        }
        await using (var merge = new NpgsqlCommand(
            "insert into icd10_codes select distinct on (code) code, description from icd10_incoming on conflict do nothing", connection, tx))
            await merge.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<Provider>> Providers(string tenant, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "select provider_id, name, level, region, district, commune, contract_reference from providers where tenant_id = $1 order by name");
        command.Parameters.Add(new() { Value = tenant });
        await using var r = await command.ExecuteReaderAsync(ct);
        var providers = new List<Provider>();
        while (await r.ReadAsync(ct))
            providers.Add(new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)));
        return providers;
    }

    /// <summary>One contracted provider of a mutual; null when the mutual has none with this id.</summary>
    public async Task<Provider?> FindProvider(string tenant, string providerId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "select provider_id, name, level, region, district, commune, contract_reference from providers where tenant_id = $1 and provider_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = providerId });
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6))
            : null;
    }

    /// <summary>Whether the mutual has this collector (another mutual's collector is not its own).</summary>
    public async Task<bool> HasCollector(string tenant, string collectorId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand("select 1 from collectors where tenant_id = $1 and collector_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = collectorId });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>ICD-10 codes whose code starts with, or whose description contains, the text (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<Icd10Code>> SearchIcd10(string text, int limit, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand("""
            select code, description from icd10_codes
             where code ilike $1 || '%' or description ilike '%' || $1 || '%'
             order by (code ilike $1 || '%') desc, code limit $2
            """);
        command.Parameters.Add(new() { Value = text.Replace("%", "").Replace("_", "") });
        command.Parameters.Add(new() { Value = limit });
        await using var r = await command.ExecuteReaderAsync(ct);
        var codes = new List<Icd10Code>();
        while (await r.ReadAsync(ct)) codes.Add(new(r.GetString(0), r.GetString(1)));
        return codes;
    }

    public async Task<long> Icd10Count(CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand("select count(*) from icd10_codes");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task Execute(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var v in values) command.Parameters.Add(new() { Value = v });
        await command.ExecuteNonQueryAsync(ct);
    }
}
