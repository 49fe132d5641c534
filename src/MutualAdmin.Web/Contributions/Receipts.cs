using Npgsql;

namespace MutualAdmin.Web.Contributions;

/// <summary>Reads of the tenant's receipt index (written inline by <see cref="ContributionIndex"/>).</summary>
public sealed class Receipts(NpgsqlDataSource db)
{
    /// <summary>The account that holds a receipt number, if any.</summary>
    public async Task<Guid?> AccountOf(string tenant, string receipt, CancellationToken ct)
    {
        await using var command = db.CreateCommand("select account_id from contribution_receipts where tenant_id = $1 and receipt = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = receipt });
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    /// <summary>K-4: used by another account of the tenant (the same account's decider knows its own).</summary>
    public async Task<bool> UsedElsewhere(string tenant, string receipt, Guid accountId, CancellationToken ct) =>
        await AccountOf(tenant, receipt, ct) is { } holder && holder != accountId;
}
