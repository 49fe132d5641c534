using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using MutualAdmin.Web.Hosting;
using Npgsql;

namespace MutualAdmin.Web.Auth;

/// <summary>
/// The key that signs access tokens, shared by every app node through the database (or given as
/// MutualAdmin:SigningKey, base64 of at least 32 bytes), so any node accepts any node's tokens.
/// </summary>
public sealed class SigningKeys(Database database, IConfiguration configuration)
{
    private SymmetricSecurityKey? key;

    public SymmetricSecurityKey Current => key ??= Load();

    private SymmetricSecurityKey Load()
    {
        if (configuration["MutualAdmin:SigningKey"] is { Length: > 0 } configured)
            return new SymmetricSecurityKey(Convert.FromBase64String(configured)) { KeyId = "configured" };

        using var connection = database.DataSource.OpenConnection();
        using var insert = new NpgsqlCommand(
            "insert into signing_keys (key_id, key_bytes) values ('default', $1) on conflict do nothing", connection);
        insert.Parameters.Add(new() { Value = RandomNumberGenerator.GetBytes(64) });
        insert.ExecuteNonQuery();
        using var select = new NpgsqlCommand("select key_bytes from signing_keys where key_id = 'default'", connection);
        return new SymmetricSecurityKey((byte[])select.ExecuteScalar()!) { KeyId = "default" };
    }
}
