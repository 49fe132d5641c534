using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using Npgsql;

namespace MutualAdmin.Web.Claims.Paying;

/// <summary>C-10: a mutual's payment batches, newest first, optionally of one month or provider.</summary>
public static class ListBatches
{
    public sealed record BatchSummary(Guid BatchId, string ProviderId, string Period, int Claims, long Total, DateOnly PreparedOn,
        string Status, string? BankReference, DateOnly? PaidOn);

    public static async Task<Ok<IReadOnlyList<BatchSummary>>> Handle(string? period, string? providerId, Actor actor, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            select batch_id, provider_id, period, claims, total, prepared_on, bank_reference, paid_on from payment_batches
             where tenant_id = $1 and ($2::text is null or period = $2) and ($3::text is null or provider_id = $3)
             order by prepared_on desc, batch_id
            """);
        command.Parameters.Add(new() { Value = actor.Tenant });
        command.Parameters.Add(new() { Value = (object?)period ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)providerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var batches = new List<BatchSummary>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var paid = !r.IsDBNull(6);
            batches.Add(new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetInt64(4), r.GetFieldValue<DateOnly>(5),
                paid ? "paid" : "prepared", paid ? r.GetString(6) : null, paid ? r.GetFieldValue<DateOnly>(7) : null));
        }
        return TypedResults.Ok<IReadOnlyList<BatchSummary>>(batches);
    }

    public static async Task<Results<Ok<BatchView>, NotFound>> One(Guid id, Actor actor, EventStore.EventStore store, CancellationToken ct)
    {
        await using var session = store.OpenSession(actor.Metadata("get-payment-batch"));
        return BatchView.Of((await session.FetchBatch(id, ct)).State) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }
}
