using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore.Projections;
using Npgsql;

namespace MutualAdmin.Web.Fund.Remittances;

/// <summary>
/// Inline: a prepared statement's id → its mutual, written with the statement, so the Fund's
/// acknowledgement of an id finds the statement at once. Units without a statement cost nothing.
/// </summary>
public sealed class RemittanceTenants : IInlineProjection
{
    public bool Concerns(IReadOnlyList<PendingEvent> events) => events.Any(e => e.Data is RemittancePrepared);

    public async Task Apply(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct)
    {
        foreach (var prepared in events.Select(e => e.Data).OfType<RemittancePrepared>())
        {
            await using var command = new NpgsqlCommand(
                "insert into remittance_tenants (remittance_id, tenant_id, period) values ($1, $2, $3) on conflict do nothing", connection, transaction);
            command.Parameters.Add(new() { Value = prepared.RemittanceId });
            command.Parameters.Add(new() { Value = tenant });
            command.Parameters.Add(new() { Value = prepared.Period });
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static async Task<string?> TenantOf(NpgsqlDataSource db, Guid remittance, CancellationToken ct)
    {
        await using var command = db.CreateCommand("select tenant_id from remittance_tenants where remittance_id = $1");
        command.Parameters.Add(new() { Value = remittance });
        return await command.ExecuteScalarAsync(ct) as string;
    }
}
