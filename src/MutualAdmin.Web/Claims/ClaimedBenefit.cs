using MutualAdmin.Web.Fund.Eligibility;
using Npgsql;

namespace MutualAdmin.Web.Claims;

/// <summary>
/// C-5 for the Fund's eligibility answer: the benefit approved or reserved (pending review) for a
/// beneficiary's claims whose cover date falls in the coverage year, as adjudication counts it.
/// </summary>
public sealed class ClaimedBenefit(NpgsqlDataSource db) : IBenefitUsage
{
    public async Task<long> UsedIn(string beneficiaryNumber, DateOnly yearStart, DateOnly yearEnd, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            select coalesce(sum(benefit), 0)::bigint from claims_register
             where beneficiary_number = $1 and cover_date between $2 and $3 and status <> 'rejected'
            """);
        command.Parameters.Add(new() { Value = beneficiaryNumber });
        command.Parameters.Add(new() { Value = yearStart });
        command.Parameters.Add(new() { Value = yearEnd });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
