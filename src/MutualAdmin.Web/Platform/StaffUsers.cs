using Microsoft.AspNetCore.Identity;
using MutualAdmin.Web.Hosting;
using Npgsql;

namespace MutualAdmin.Web.Platform;

public sealed record StaffUser(string Tenant, Guid Id, string Username, string DisplayName, IReadOnlyList<string> Roles, string Language);

/// <summary>A mutual's staff accounts; passwords are kept only as ASP.NET Identity hashes.</summary>
public sealed class StaffUsers(Database database)
{
    private static readonly PasswordHasher<StaffUser> Hasher = new();
    private const string Columns = "tenant_id, user_id, username, display_name, roles, language";

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

    /// <summary>The user, when the password is theirs.</summary>
    public async Task<StaffUser?> SignIn(string username, string password, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            $"select {Columns}, password_hash from users where lower(username) = lower($1)");
        command.Parameters.Add(new() { Value = username });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var user = Read(reader);
        return Hasher.VerifyHashedPassword(user, reader.GetString(6), password) == PasswordVerificationResult.Failed ? null : user;
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
