using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using Npgsql;

namespace MutualAdmin.Web.Fund.Webhooks;

/// <summary>
/// <c>DELETE /fund/v1/webhooks/{id}</c>: the Fund client that registered an endpoint stops its
/// deliveries and drops its dead letters. Another client's endpoint is 404, as one that never was.
/// </summary>
public static class DeleteWebhook
{
    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, Actor actor, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Locks the endpoint first: a delivery turn sending to it finishes before it goes.
        await using (var owned = new NpgsqlCommand("select 1 from fund_webhooks where id = $1 and client_id = $2 for update", connection, tx))
        {
            owned.Parameters.Add(new() { Value = id });
            owned.Parameters.Add(new() { Value = actor.Id });
            if (await owned.ExecuteScalarAsync(ct) is null) return TypedResults.NotFound();
        }
        await using var delete = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new("delete from fund_webhook_dead_letters where webhook_id = $1") { Parameters = { new() { Value = id } } },
                new("delete from fund_webhooks where id = $1") { Parameters = { new() { Value = id } } },
            },
        };
        await delete.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
