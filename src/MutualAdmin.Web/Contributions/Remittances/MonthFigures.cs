using MutualAdmin.Domain.Contributions;
using Npgsql;

namespace MutualAdmin.Web.Contributions.Remittances;

/// <summary>
/// The facts of a month's statement from the inline receipt and receivable tables, so a statement
/// prepared right after a payment includes it (K-8: payments and reversals by their own dates;
/// K-7: subsidy shares by their due date).
/// </summary>
public sealed class MonthFigures(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<Collection>> Collections(string tenant, DateOnly first, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            select account_id, receipt, paid_on, amount from contribution_receipts where tenant_id = $1 and paid_on >= $2 and paid_on < $3
            union all
            select account_id, receipt, reversed_on, -amount from contribution_receipts where tenant_id = $1 and reversed_on >= $2 and reversed_on < $3
            """);
        var list = new List<Collection>();
        await using var r = await Run(command, tenant, first, ct);
        while (await r.ReadAsync(ct)) list.Add(new(r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), r.GetInt64(3)));
        return list;
    }

    public async Task<IReadOnlyList<SubsidyReceivable>> SubsidiesDue(string tenant, DateOnly first, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            select account_id, instalment, due_on, amount from subsidy_receivables where tenant_id = $1 and due_on >= $2 and due_on < $3
             order by due_on, account_id, instalment
            """);
        var list = new List<SubsidyReceivable>();
        await using var r = await Run(command, tenant, first, ct);
        while (await r.ReadAsync(ct)) list.Add(new(r.GetGuid(0), r.GetInt32(1), r.GetFieldValue<DateOnly>(2), r.GetInt64(3)));
        return list;
    }

    private static async Task<NpgsqlDataReader> Run(NpgsqlCommand command, string tenant, DateOnly first, CancellationToken ct)
    {
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = first });
        command.Parameters.Add(new() { Value = first.AddMonths(1) });
        return await command.ExecuteReaderAsync(ct);
    }
}
