using System.Diagnostics;
using System.Text;
using MutualAdmin.EventStore.Chain;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Reports;
using Npgsql;

namespace MutualAdmin.Web.Audit;

public sealed record ReportCheck(string Tenant, string Kind, string Period, long Position, string PublishedHash, string? RegeneratedHash)
{
    public bool Equal => PublishedHash == RegeneratedHash;
}

public sealed record VerificationResult(string? Tenant, ChainVerification Chain, IReadOnlyList<ProjectionVerification> Projections,
    IReadOnlyList<ReportCheck> Reports, DateTimeOffset StartedAt, DateTimeOffset FinishedAt)
{
    public bool Passed => Chain.Intact && Projections.All(p => p.Equal) && Reports.All(r => r.Equal);

    /// <summary>What a person reads first: one line per check, then the first differences.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine($"Verification of {Tenant ?? "all tenants"}: {(Passed ? "PASSED" : "FAILED")} ({(FinishedAt - StartedAt).TotalSeconds:F1} s)");
        text.AppendLine(Chain.Intact
            ? $"  hash chain: intact, {Chain.EventsChecked} events"
            : $"  hash chain: BROKEN at position {Chain.FirstBreak!.Position} of {Chain.FirstBreak.Tenant}: {Chain.FirstBreak.Reason}");
        foreach (var p in Projections)
        {
            text.AppendLine(p.Note is { } note ? $"  projection {p.Projection}: not compared, {note}"
                : $"  projection {p.Projection}: {(p.Equal ? "equal to a replay" : $"{p.Differences.Count} DIFFERENT rows")} at position {p.Position} ({p.EventsReplayed} events replayed)");
            foreach (var d in p.Differences.Take(3)) text.AppendLine($"    {d.Table} {d.Side}: {d.Row}");
        }
        foreach (var r in Reports)
            text.AppendLine($"  report {r.Kind} {r.Tenant} {r.Period} at {r.Position}: {(r.Equal ? "same hash" : $"HASH DIFFERS ({r.PublishedHash} published, {r.RegeneratedHash ?? "none"} now)")}");
        return text.ToString();
    }
}

/// <summary>
/// The auditor's verification (A-3, A-4): the hash chain of a tenant (or all), every projection
/// against a replay of the log, every published report regenerated at its position. Progress is the
/// number of events read so far over the events to read.
/// </summary>
public sealed class Verification(EventStore.EventStore store, IEnumerable<IProjection> projections, Reporting reporting, NpgsqlDataSource db)
{
    public sealed record Progress(long Done, long Total, double RatePerSecond, TimeSpan? TimeLeft);

    public async Task<VerificationResult> Run(string? tenant, IProgress<Progress>? progress, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var all = projections.ToList();
        var total = await Count(tenant, null, ct);
        foreach (var projection in all) total += await Count(null, [.. projection.EventTypes], ct);
        long before = 0;
        void Report(long done)
        {
            var rate = (before + done) / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            var left = total > before + done && rate > 0 ? TimeSpan.FromSeconds((total - before - done) / rate) : (TimeSpan?)null;
            progress?.Report(new(before + done, Math.Max(total, before + done), rate, left));
        }

        var chain = await store.VerifyChain(tenant, new Progress<long>(Report), ct);
        before += chain.EventsChecked;
        var checks = new List<ProjectionVerification>();
        foreach (var projection in all)
        {
            var check = await ProjectionVerifier.Verify(store, projection, new Progress<long>(Report), ct);
            before += check.EventsReplayed;
            // A mutual's auditor sees the rows of their mutual only.
            checks.Add(tenant is null ? check : check with
            {
                Differences = [.. check.Differences.Where(d => d.Row.Contains($"\"tenant_id\":\"{tenant}\"", StringComparison.Ordinal))],
            });
        }
        return new(tenant, chain, checks, await Reports(tenant, ct), started, DateTimeOffset.UtcNow);
    }

    private async Task<List<ReportCheck>> Reports(string? tenant, CancellationToken ct)
    {
        var published = new List<(string Tenant, string Kind, string Period, long Position, string Hash)>();
        await using (var command = db.CreateCommand(
            "select tenant_id, kind, period, position, sha256 from published_reports where $1::text is null or tenant_id = $1 order by position"))
        {
            command.Parameters.Add(new() { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                published.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
        }
        var checks = new List<ReportCheck>();
        foreach (var p in published)
            checks.Add(new(p.Tenant, p.Kind, p.Period, p.Position, p.Hash, (await reporting.Build(p.Kind, p.Tenant, p.Period, p.Position, ct))?.Sha256));
        return checks;
    }

    /// <summary>The events a step will read: a tenant's (the chain), or those of some types (a projection's replay).</summary>
    private async Task<long> Count(string? tenant, string[]? types, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "select count(*) from events where ($1::text is null or tenant_id = $1) and ($2::text[] is null or event_type = any($2))");
        command.Parameters.Add(new() { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)types ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
