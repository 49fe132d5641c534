using MutualAdmin.Web.Hosting;
using Npgsql;

namespace MutualAdmin.Web.Platform;

public sealed record Tenant(string Id, string Name);

/// <summary>The mutuals this platform serves. A tenant id is a short slug (letters, digits, dashes).</summary>
public sealed class Tenants(Database database)
{
    /// <summary>
    /// The platform's own tenant: it holds no mutual's data, only the platform administrators' accounts.
    /// Its id is reserved, so no mutual can be created under it and borrow its administrators' reach.
    /// </summary>
    public const string PlatformId = "platform";

    public static bool IsValidId(string id) =>
        id is { Length: >= 2 and <= 40 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <returns>false when a tenant with that id already exists.</returns>
    public async Task<bool> Create(Tenant tenant, CancellationToken ct)
    {
        if (!IsValidId(tenant.Id)) throw new ArgumentException($"'{tenant.Id}' is not a tenant id: 2-40 lower-case letters, digits or dashes");
        if (tenant.Id == PlatformId) throw new ArgumentException($"'{PlatformId}' is the platform's own tenant, not a mutual's");
        return await Insert(tenant, ct);
    }

    /// <summary>The platform's own tenant, created once (by create-platform-admin or the demo seed).</summary>
    public Task<bool> EnsurePlatform(CancellationToken ct) => Insert(new Tenant(PlatformId, "Platform administration"), ct);

    private async Task<bool> Insert(Tenant tenant, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "insert into tenants (tenant_id, name) values ($1, $2) on conflict do nothing");
        command.Parameters.Add(new() { Value = tenant.Id });
        command.Parameters.Add(new() { Value = tenant.Name });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<Tenant?> Find(string id, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand("select tenant_id, name from tenants where tenant_id = $1");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new Tenant(reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>The mutuals, without the platform's own tenant.</summary>
    public async Task<IReadOnlyList<Tenant>> All(CancellationToken ct)
    {
        // The mutuals: the platform's own tenant serves none.
        await using var command = database.DataSource.CreateCommand("select tenant_id, name from tenants where tenant_id <> 'platform' order by tenant_id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var tenants = new List<Tenant>();
        while (await reader.ReadAsync(ct)) tenants.Add(new Tenant(reader.GetString(0), reader.GetString(1)));
        return tenants;
    }
}
