using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Auth;
using Npgsql;

namespace MutualAdmin.Web.Contributions.Collections;

/// <summary>Collections of a month (yyyy-MM) by method and share, from <see cref="CollectionsByMonth"/> (eventually consistent).</summary>
public static class GetCollections
{
    public sealed record Row(string Method, string Share, long Amount, int Count);
    public sealed record Month(string Period, long MemberCollected, long SubsidiesDue, IReadOnlyList<Row> Rows);

    public static async Task<Ok<Month>> Handle(string period, Actor actor, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!Periods.IsValid(period)) throw RequestValidationException.For("period", "K-8 PERIOD_INVALID: expected yyyy-MM");
        await using var command = db.CreateCommand($"""
            select method, share, amount, count from {CollectionsByMonth.Table} where tenant_id = $1 and period = $2 order by share, method
            """);
        command.Parameters.Add(new() { Value = actor.Tenant });
        command.Parameters.Add(new() { Value = period });
        var rows = new List<Row>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt32(3)));
        return TypedResults.Ok(new Month(period, rows.Where(x => x.Share == CollectionsByMonth.Member).Sum(x => x.Amount),
            rows.Where(x => x.Share == CollectionsByMonth.Subsidy).Sum(x => x.Amount), rows));
    }
}
