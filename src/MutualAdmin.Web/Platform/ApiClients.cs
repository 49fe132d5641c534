using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Platform;

public sealed record ApiClient(string Id, string Kind, string? Tenant, string? Provider, string Name);

/// <summary>The Fund's and providers' API clients. The secret is returned once, at creation, and kept hashed.</summary>
public sealed class ApiClients(Database database)
{
    private static readonly PasswordHasher<ApiClient> Hasher = new();
    private static readonly ApiClient Nobody = new("", "", null, null, "");

    /// <summary>An unknown client id has this hash checked instead, so that it answers as slowly as a wrong secret.</summary>
    private static readonly Lazy<string> NobodysHash = new(() => Hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public async Task<(ApiClient Client, string Secret)> Create(string kind, string name, string? tenant, string? provider, CancellationToken ct)
    {
        var client = new ApiClient($"{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", kind, tenant, provider, name);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var command = database.DataSource.CreateCommand(
            "insert into api_clients (client_id, kind, tenant_id, provider_id, name, secret_hash) values ($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(new() { Value = client.Id });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)provider ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = Hasher.HashPassword(client, secret) });
        await command.ExecuteNonQueryAsync(ct);
        return (client, secret);
    }

    /// <summary>The client of that kind, when the secret is its own.</summary>
    public async Task<ApiClient?> Authenticate(string kind, string clientId, string secret, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "select client_id, kind, tenant_id, provider_id, name, secret_hash from api_clients where client_id = $1 and kind = $2");
        command.Parameters.Add(new() { Value = clientId });
        command.Parameters.Add(new() { Value = kind });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            Hasher.VerifyHashedPassword(Nobody, NobodysHash.Value, secret);
            return null;
        }
        var client = new ApiClient(reader.GetString(0), reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4));
        return Hasher.VerifyHashedPassword(client, reader.GetString(5), secret) == PasswordVerificationResult.Failed ? null : client;
    }
}
