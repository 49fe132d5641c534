using Microsoft.AspNetCore.Identity;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Hosting;
using Npgsql;

namespace MutualAdmin.Web.Platform;

/// <param name="Stamp">The security stamp its tokens carry; moved on by a password change or disabling.</param>
public sealed record StaffUser(string Tenant, Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, string Language,
    int Stamp = 0, DateTimeOffset? DisabledAt = null);

/// <summary>A mutual's staff accounts; passwords are kept only as ASP.NET Identity hashes.</summary>
public sealed class StaffUsers(Database database, CredentialStamps stamps)
{
    private static readonly PasswordHasher<StaffUser> Hasher = new();
    private const string Columns = "tenant_id, user_id, username, display_name, roles, language, security_stamp, disabled_at";

    /// <returns>null when the username is taken.</returns>
    public async Task<StaffUser?> Create(string tenant, string username, string displayName, string password,
        IReadOnlyList<string> roles, string language, CancellationToken ct)
    {
        var user = new StaffUser(tenant, Guid.CreateVersion7(), username, displayName, roles, language);
        await using var command = database.DataSource.CreateCommand(
            "insert into users (tenant_id, user_id, username, display_name, password_hash, roles, language) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = user.Id });
        command.Parameters.Add(new() { Value = username });
        command.Parameters.Add(new() { Value = displayName });
        command.Parameters.Add(new() { Value = Hasher.HashPassword(user, password) });
        command.Parameters.Add(new() { Value = roles.ToArray() });
        command.Parameters.Add(new() { Value = language });
        return await command.ExecuteNonQueryAsync(ct) == 1 ? user : null;
    }

    /// <summary>The user, when the password is theirs and they are not disabled.</summary>
    public async Task<StaffUser?> SignIn(string username, string password, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"select {Columns}, password_hash from users where lower(username) = lower($1)");
        command.Parameters.Add(new() { Value = username });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var user = Read(reader);
        if (Hasher.VerifyHashedPassword(user, reader.GetString(8), password) == PasswordVerificationResult.Failed) return null;
        return user.DisabledAt is null ? user : null;
    }

    /// <summary>
    /// Sets a new password when <paramref name="current"/> is the user's own, and ends every token and
    /// cookie issued before (the stamp moves on). False when the current password is wrong.
    /// </summary>
    public async Task<bool> ChangePassword(string tenant, Guid id, string current, string replacement, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        string hash;
        StaffUser user;
        await using (var read = new NpgsqlCommand($"select {Columns}, password_hash from users where tenant_id = $1 and user_id = $2 for update", connection, tx))
        {
            read.Parameters.Add(new() { Value = tenant });
            read.Parameters.Add(new() { Value = id });
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return false;
            (user, hash) = (Read(reader), reader.GetString(8));
        }
        if (Hasher.VerifyHashedPassword(user, hash, current) == PasswordVerificationResult.Failed) return false;
        await using (var write = new NpgsqlCommand(
            "update users set password_hash = $3, security_stamp = security_stamp + 1 where tenant_id = $1 and user_id = $2", connection, tx))
        {
            write.Parameters.Add(new() { Value = tenant });
            write.Parameters.Add(new() { Value = id });
            write.Parameters.Add(new() { Value = Hasher.HashPassword(user, replacement) });
            await write.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        stamps.Forget(ClaimNames.StaffKind, id.ToString());
        return true;
    }

    /// <summary>
    /// Disables the user (no sign-in, and every token and cookie they hold ends now) or enables them again
    /// (they sign in anew; what they held before stays ended). Null when the user is not of that tenant.
    /// </summary>
    public async Task<StaffUser?> SetDisabled(string tenant, Guid id, bool disabled, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"""
            update users set disabled_at = case when $3 then coalesce(disabled_at, now()) end,
                             security_stamp = security_stamp + case when $3 and disabled_at is null then 1 else 0 end
             where tenant_id = $1 and user_id = $2
            returning {Columns}
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = disabled });
        StaffUser? user;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            user = await reader.ReadAsync(ct) ? Read(reader) : null;
        stamps.Forget(ClaimNames.StaffKind, id.ToString());
        return user;
    }

    public async Task<StaffUser?> Find(string tenant, Guid id, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"select {Columns} from users where tenant_id = $1 and user_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StaffUser>> OfTenant(string tenant, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"select {Columns} from users where tenant_id = $1 order by username");
        command.Parameters.Add(new() { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var users = new List<StaffUser>();
        while (await reader.ReadAsync(ct)) users.Add(Read(reader));
        return users;
    }

    private static StaffUser Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetFieldValue<string[]>(4), r.GetString(5),
            r.GetInt32(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7));
}
