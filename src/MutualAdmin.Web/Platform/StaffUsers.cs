using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Hosting;
using Npgsql;

namespace MutualAdmin.Web.Platform;

/// <param name="Stamp">The security stamp its tokens carry; moved on by a password change or disabling.</param>
public sealed record StaffUser(string Tenant, Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, string Language,
    int Stamp = 0, DateTimeOffset? DisabledAt = null);

/// <summary>What a sign-in came to: the user; or nobody, and until when the username is locked out if it is.</summary>
public sealed record SignInOutcome(StaffUser? User, DateTimeOffset? LockedUntil = null);

/// <summary>A mutual's staff accounts; passwords are kept only as ASP.NET Identity hashes.</summary>
public sealed class StaffUsers(Database database, IPasswordHasher<StaffUser> hasher, SignInLockout lockout, CredentialStamps stamps, TimeProvider clock)
{
    private const string Columns = "tenant_id, user_id, username, display_name, roles, language, security_stamp, disabled_at";
    private static readonly StaffUser Nobody = new("", Guid.Empty, "", "", [], "en");

    /// <summary>
    /// A hash of a password nobody knows, made by the same hasher: an unknown username has it checked
    /// instead, so it costs the same time as a wrong password and the answer's delay tells nothing.
    /// </summary>
    private readonly Lazy<string> nobodysHash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

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
        command.Parameters.Add(new() { Value = hasher.HashPassword(user, password) });
        command.Parameters.Add(new() { Value = roles.ToArray() });
        command.Parameters.Add(new() { Value = language });
        return await command.ExecuteNonQueryAsync(ct) == 1 ? user : null;
    }

    /// <summary>
    /// The user, when the password is theirs, they are not disabled and the username is not locked out. A known and an
    /// unknown username do the same work (one look-up, one hash check, one count of the failure),
    /// so neither the answer nor its time says which usernames exist.
    /// </summary>
    public async Task<SignInOutcome> SignIn(string username, string password, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand($"""
            select {string.Join(", ", Columns.Split(", ").Select(c => "u." + c))}, u.password_hash, f.locked_until, f.username is not null
              from (select lower($1) as name) tried
              left join users u on lower(u.username) = tried.name
              left join sign_in_failures f on f.username = tried.name
            """);
        command.Parameters.Add(new() { Value = username });
        StaffUser? user;
        string hash;
        bool failedBefore;
        var now = clock.GetUtcNow();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            if (!reader.IsDBNull(9) && reader.GetFieldValue<DateTimeOffset>(9) is var lockedUntil && lockedUntil > now)
                return new(null, lockedUntil);
            user = reader.IsDBNull(1) ? null : Read(reader);
            hash = user is null ? nobodysHash.Value : reader.GetString(8);
            failedBefore = reader.GetBoolean(10);
        }
        var matches = hasher.VerifyHashedPassword(user ?? Nobody, hash, password) != PasswordVerificationResult.Failed;
        if (user is not null && matches)
        {
            if (user.DisabledAt is not null) return new(null);
            if (failedBefore) await lockout.Succeeded(username, ct);
            return new(user);
        }
        return new(null, await lockout.Failed(username, now, ct));
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
        if (hasher.VerifyHashedPassword(user, hash, current) == PasswordVerificationResult.Failed) return false;
        await using (var write = new NpgsqlCommand(
            "update users set password_hash = $3, security_stamp = security_stamp + 1 where tenant_id = $1 and user_id = $2", connection, tx))
        {
            write.Parameters.Add(new() { Value = tenant });
            write.Parameters.Add(new() { Value = id });
            write.Parameters.Add(new() { Value = hasher.HashPassword(user, replacement) });
            await write.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        stamps.Forget(ClaimNames.StaffKind, id.ToString());
        return true;
    }

    /// <summary>The language the user's screens speak from their next page on; false when the user is not of that tenant.</summary>
    public async Task<bool> SetLanguage(string tenant, Guid id, string language, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand("update users set language = $3 where tenant_id = $1 and user_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = language });
        return await command.ExecuteNonQueryAsync(ct) == 1;
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
