using System.Collections.Concurrent;
using System.Security.Claims;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Auth;

/// <summary>
/// Whether a token or cookie still speaks for its holder. Each one carries the holder's security stamp
/// as it was when issued (<see cref="ClaimNames.Stamp"/>); changing a password, disabling a user, and
/// rotating or revoking an API client move the stamp on, so everything issued before is refused on
/// its very next request, whatever its expiry says.
/// <para>
/// Every authenticated request asks, so the current stamps are cached for Auth:CredentialCheck (5 s
/// unless configured). The node that ends a credential forgets its entry at once; another node of a
/// cluster notices within that period.
/// </para>
/// </summary>
public sealed class CredentialStamps(Database database, IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, (int? Stamp, long Read, long At)> cache = new();
    private readonly ConcurrentDictionary<string, long> forgotten = new();
    private long sequence;

    private long Period => (long)configuration.GetValue("Auth:CredentialCheck", TimeSpan.FromSeconds(5)).TotalMilliseconds;

    /// <summary>True when the principal's stamp is its holder's current one, and the holder is neither disabled nor revoked.</summary>
    public async Task<bool> IsCurrent(ClaimsPrincipal principal, CancellationToken ct)
    {
        var kind = principal.FindFirstValue(ClaimNames.Kind);
        var subject = principal.FindFirstValue(ClaimNames.Subject);
        if (kind is null || subject is null || !int.TryParse(principal.FindFirstValue(ClaimNames.Stamp), out var held)) return false;
        return await Current(kind, principal.FindFirstValue(ClaimNames.Tenant), subject, ct) == held;
    }

    /// <summary>Drops what this node knows of a holder's stamp: called right after the stamp moved on.</summary>
    public void Forget(string kind, string subject) =>
        forgotten[Key(kind, subject)] = Interlocked.Increment(ref sequence);

    private async Task<int?> Current(string kind, string? tenant, string subject, CancellationToken ct)
    {
        var key = Key(kind, subject);
        if (cache.TryGetValue(key, out var known) && known.Read > forgotten.GetValueOrDefault(key)
            && Environment.TickCount64 - known.At < Period)
            return known.Stamp;
        // Numbered before reading: a Forget that comes while the read is under way outranks what it read.
        var read = Interlocked.Increment(ref sequence);
        var stamp = await Read(kind, tenant, subject, ct);
        cache[key] = (stamp, read, Environment.TickCount64);
        return stamp;
    }

    private async Task<int?> Read(string kind, string? tenant, string subject, CancellationToken ct)
    {
        await using var command = kind == ClaimNames.StaffKind
            ? database.DataSource.CreateCommand("select security_stamp from users where tenant_id = $1 and user_id = $2 and disabled_at is null")
            : database.DataSource.CreateCommand("select security_stamp from api_clients where kind = $1 and client_id = $2 and revoked_at is null");
        if (kind == ClaimNames.StaffKind)
        {
            if (tenant is null || !Guid.TryParse(subject, out var id)) return null;
            command.Parameters.Add(new() { Value = tenant });
            command.Parameters.Add(new() { Value = id });
        }
        else
        {
            command.Parameters.Add(new() { Value = kind });
            command.Parameters.Add(new() { Value = subject });
        }
        return await command.ExecuteScalarAsync(ct) is int stamp ? stamp : null;
    }

    private static string Key(string kind, string subject) => $"{kind}:{subject}";
}
