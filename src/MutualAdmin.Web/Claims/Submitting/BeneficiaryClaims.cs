using System.Text.Json;
using MutualAdmin.Domain.Claims;
using Npgsql;

namespace MutualAdmin.Web.Claims.Submitting;

/// <summary>A claim of the same beneficiary, as the register holds it.</summary>
public sealed record EarlierClaim(Guid ClaimId, string ProviderId, DateOnly ServiceDate, DateOnly CoverDate,
    IReadOnlyList<ClaimLine> Lines, IReadOnlyList<LineDecision> Decisions, string Status, long Benefit);

/// <summary>
/// Takes the beneficiary's claims lock and reads, under it, whether this claim exists already and the
/// beneficiary's other claims: one round trip, since the statements of a batch run in order.
/// </summary>
public static class BeneficiaryClaims
{
    // The two-key advisory lock space, with a class of its own so it meets no other lock of the platform.
    private const int LockClass = 0x434C; // "CL"

    public sealed record Locked(bool Exists, IReadOnlyList<EarlierClaim> Earlier);

    public static async Task<Locked> LockAndRead(NpgsqlTransaction tx, string tenant, ClaimSubmission claim, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(tx.Connection, tx)
        {
            BatchCommands =
            {
                new("select pg_advisory_xact_lock($1, hashtext($2))") { Parameters = { new() { Value = LockClass }, new() { Value = claim.BeneficiaryNumber } } },
                new("""
                    select claim_id, provider_id, service_date, cover_date, lines::text, decisions::text, status, benefit
                      from claims_register where tenant_id = $1 and beneficiary_number = $2
                    """) { Parameters = { new() { Value = tenant }, new() { Value = claim.BeneficiaryNumber } } },
                // The claim's own row, wherever its beneficiary: its id names the provider's reference (C-11).
                new("select 1 from claims_register where tenant_id = $1 and claim_id = $2")
                    { Parameters = { new() { Value = tenant }, new() { Value = claim.ClaimId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var earlier = new List<EarlierClaim>();
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetGuid(0) == claim.ClaimId) continue;
            earlier.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateOnly>(3),
                JsonSerializer.Deserialize(reader.GetString(4), ClaimJson.Default.IReadOnlyListClaimLine)!,
                JsonSerializer.Deserialize(reader.GetString(5), ClaimJson.Default.IReadOnlyListLineDecision)!,
                reader.GetString(6), reader.GetInt64(7)));
        }
        await reader.NextResultAsync(ct);
        var exists = await reader.ReadAsync(ct);
        return new(exists, earlier);
    }
}
