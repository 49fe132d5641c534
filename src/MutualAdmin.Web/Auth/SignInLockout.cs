using MutualAdmin.Web.Hosting;
using Npgsql;

namespace MutualAdmin.Web.Auth;

/// <summary>
/// Locks a staff username out after failed sign-ins in a row (Auth:Lockout:Failures, default 10) for
/// Auth:Lockout:Duration (default 15 minutes). A success clears the count; failures a day apart
/// (Auth:Lockout:ForgetAfter) start it again. The count lives in the database so that every node
/// locks the same accounts; an unknown username is counted and locked exactly like a known one.
/// </summary>
public sealed class SignInLockout(Database database, IConfiguration configuration)
{
    public int Failures { get; } = configuration.GetValue("Auth:Lockout:Failures", 10);
    public TimeSpan Duration { get; } = configuration.GetValue("Auth:Lockout:Duration", TimeSpan.FromMinutes(15));
    public TimeSpan ForgetAfter { get; } = configuration.GetValue("Auth:Lockout:ForgetAfter", TimeSpan.FromDays(1));

    /// <summary>Counts a failed sign-in for that username.</summary>
    /// <returns>When the lockout this failure started ends; null when it started none.</returns>
    public async Task<DateTimeOffset?> Failed(string username, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            insert into sign_in_failures as f (username, failures, last_failed_at) values (lower($1), 1, $2)
            on conflict (username) do update
               set failures = case when f.last_failed_at < $3 then 1 else f.failures + 1 end, last_failed_at = $2
            returning failures
            """, username, now, now - ForgetAfter));
        // Names nobody tried for a while go, so guessed names cannot pile up.
        batch.BatchCommands.Add(Command("""
            delete from sign_in_failures where last_failed_at < $1 and (locked_until is null or locked_until < $2)
            """, now - ForgetAfter, now));
        var failures = (int)(await batch.ExecuteScalarAsync(ct))!;
        if (failures < Failures) return null;

        // The count starts again from nothing once the lockout is served.
        var until = now + Duration;
        await using var lockOut = database.DataSource.CreateCommand(
            "update sign_in_failures set failures = 0, locked_until = $2 where username = lower($1)");
        lockOut.Parameters.Add(new() { Value = username });
        lockOut.Parameters.Add(new() { Value = until });
        await lockOut.ExecuteNonQueryAsync(ct);
        return until;
    }

    /// <summary>A successful sign-in: the failures before it no longer count.</summary>
    public async Task Succeeded(string username, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand("delete from sign_in_failures where username = lower($1)");
        command.Parameters.Add(new() { Value = username });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return command;
    }
}
