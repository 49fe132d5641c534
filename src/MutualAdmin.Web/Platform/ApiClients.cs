using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Hosting;
using Npgsql;

namespace MutualAdmin.Web.Platform;

/// <param name="Stamp">The security stamp its tokens carry; moved on by a rotation or the revocation.</param>
public sealed record ApiClient(string Id, string Kind, string? Tenant, string? Provider, string Name, int Stamp = 0,
    DateTimeOffset CreatedAt = default, DateTimeOffset? RotatedAt = null, DateTimeOffset? RevokedAt = null);

/// <summary>
/// The Fund's and providers' API clients. The secret is returned once, at creation or rotation, and kept
/// hashed. Rotating or revoking a client ends every token it holds at once (<see cref="CredentialStamps"/>).
/// </summary>
public sealed class ApiClients(Database database, CredentialStamps stamps)
{
    private static readonly PasswordHasher<ApiClient> Hasher = new();
    private const string Columns = "client_id, kind, tenant_id, provider_id, name, security_stamp, created_at, rotated_at, revoked_at";
    private static readonly ApiClient Nobody = new("", "", null, null, "");

    /// <summary>An unknown client id has this hash checked instead, so that it answers as slowly as a wrong secret.</summary>
    private static readonly Lazy<string> NobodysHash = new(() => Hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public async Task<(ApiClient Client, string Secret)> Create(string kind, string name, string? tenant, string? provider, CancellationToken ct)
    {
        var client = new ApiClient($"{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", kind, tenant, provider, name);
        var secret = NewSecret();
        await using var command = database.DataSource.CreateCommand(
            $"insert into api_clients (client_id, kind, tenant_id, provider_id, name, secret_hash) values ($1, $2, $3, $4, $5, $6) returning {Columns}");
        command.Parameters.Add(new() { Value = client.Id });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)provider ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = Hasher.HashPassword(client, secret) });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (Read(reader), secret);
    }

    /// <summary>The client of that kind, when the secret is its own and it is not revoked.</summary>
    public async Task<ApiClient?> Authenticate(string kind, string clientId, string secret, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"select {Columns}, secret_hash from api_clients where client_id = $1 and kind = $2");
        command.Parameters.Add(new() { Value = clientId });
        command.Parameters.Add(new() { Value = kind });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            Hasher.VerifyHashedPassword(Nobody, NobodysHash.Value, secret);
            return null;
        }
        var client = Read(reader);
        if (Hasher.VerifyHashedPassword(client, reader.GetString(9), secret) == PasswordVerificationResult.Failed) return null;
        return client.RevokedAt is null ? client : null;
    }

    /// <summary>Every client, revoked ones included (the record of who could call, and until when); never a secret.</summary>
    public async Task<IReadOnlyList<ApiClient>> All(CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"select {Columns} from api_clients order by created_at, client_id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var clients = new List<ApiClient>();
        while (await reader.ReadAsync(ct)) clients.Add(Read(reader));
        return clients;
    }

    public async Task<ApiClient?> Find(string clientId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"select {Columns} from api_clients where client_id = $1");
        command.Parameters.Add(new() { Value = clientId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>
    /// A new secret for a client that is not revoked: the old secret stops working, and so do the tokens
    /// it obtained (a rotation is usually because the old secret may have leaked). Null when there is no
    /// such client or it is revoked.
    /// </summary>
    public async Task<(ApiClient Client, string Secret)?> Rotate(string clientId, CancellationToken ct)
    {
        if (await Find(clientId, ct) is not { RevokedAt: null } client) return null;
        var secret = NewSecret();
        await using var command = database.DataSource.CreateCommand($"""
            update api_clients set secret_hash = $2, security_stamp = security_stamp + 1, rotated_at = now()
             where client_id = $1 and revoked_at is null
            returning {Columns}
            """);
        command.Parameters.Add(new() { Value = clientId });
        command.Parameters.Add(new() { Value = Hasher.HashPassword(client, secret) });
        ApiClient? rotated;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            rotated = await reader.ReadAsync(ct) ? Read(reader) : null;
        stamps.Forget(client.Kind, clientId);
        return rotated is null ? null : (rotated, secret);
    }

    /// <summary>Revokes the client for good: no new token, and the ones it holds end now. Null when there is no such client.</summary>
    public async Task<ApiClient?> Revoke(string clientId, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"""
            update api_clients set revoked_at = coalesce(revoked_at, now()),
                                   security_stamp = security_stamp + case when revoked_at is null then 1 else 0 end
             where client_id = $1
            returning {Columns}
            """);
        command.Parameters.Add(new() { Value = clientId });
        ApiClient? revoked;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            revoked = await reader.ReadAsync(ct) ? Read(reader) : null;
        if (revoked is not null) stamps.Forget(revoked.Kind, clientId);
        return revoked;
    }

    private static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiClient Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetFieldValue<DateTimeOffset>(6),
        r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8));
}
