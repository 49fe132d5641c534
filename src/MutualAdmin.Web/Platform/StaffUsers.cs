using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Hosting;
using Npgsql;

namespace MutualAdmin.Web.Platform;

public sealed record StaffUser(string Tenant, Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, string Language);

/// <summary>What a sign-in came to: the user; or nobody, and until when the username is locked out if it is.</summary>
public sealed record SignInOutcome(StaffUser? User, DateTimeOffset? LockedUntil = null);

/// <summary>A mutual's staff accounts; passwords are kept only as ASP.NET Identity hashes.</summary>
public sealed class StaffUsers(Database database, IPasswordHasher<StaffUser> hasher, SignInLockout lockout, TimeProvider clock)
{
    private const string Columns = "tenant_id, user_id, username, display_name, roles, language";
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
    /// The user, when the password is theirs and the username is not locked out. A known and an
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
            if (!reader.IsDBNull(7) && reader.GetFieldValue<DateTimeOffset>(7) is var lockedUntil && lockedUntil > now)
                return new(null, lockedUntil);
            user = reader.IsDBNull(1) ? null : Read(reader);
            hash = user is null ? nobodysHash.Value : reader.GetString(6);
            failedBefore = reader.GetBoolean(8);
        }
        var matches = hasher.VerifyHashedPassword(user ?? Nobody, hash, password) != PasswordVerificationResult.Failed;
        if (user is not null && matches)
        {
            if (failedBefore) await lockout.Succeeded(username, ct);
            return new(user);
        }
        return new(null, await lockout.Failed(username, now, ct));
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
        new(r.GetString(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetFieldValue<string[]>(4), r.GetString(5));
}
