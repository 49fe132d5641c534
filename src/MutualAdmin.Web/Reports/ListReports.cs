using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using Npgsql;

namespace MutualAdmin.Web.Reports;

/// <summary><c>GET /fund/v1/reports</c> (every mutual's) and <c>GET /api/reports</c> (the caller's): the published reports.</summary>
public static class ListReports
{
    public sealed record Listed(string Tenant, string Kind, string Period, long Position, string Hash, DateTimeOffset PublishedAt);

    public static async Task<Ok<List<Listed>>> ForFund(NpgsqlDataSource db, CancellationToken ct) => TypedResults.Ok(await Read(db, null, ct));

    public static async Task<Ok<List<Listed>>> ForStaff(Actor actor, NpgsqlDataSource db, CancellationToken ct) =>
        TypedResults.Ok(await Read(db, actor.Tenant, ct));

    private static async Task<List<Listed>> Read(NpgsqlDataSource db, string? tenant, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            select tenant_id, kind, period, position, sha256, published_at from published_reports
             where $1::text is null or tenant_id = $1 order by period, tenant_id, kind, position
            """);
        command.Parameters.Add(new() { Value = (object?)tenant ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var list = new List<Listed>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        return list;
    }
}
