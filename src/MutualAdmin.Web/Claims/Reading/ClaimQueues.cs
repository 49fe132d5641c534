using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Claims.Reading;

/// <summary>
/// The claims staff work on, read from the inline register so that a claim just decided is already
/// out of the queue: pending review (C-8), awaiting the second approval (C-9), approved and unpaid
/// per provider (C-10); and a beneficiary's claims history.
/// </summary>
public static class ClaimQueues
{
    public sealed record ClaimSummary(Guid ClaimId, string ProviderId, string ProviderClaimReference, string BeneficiaryNumber,
        DateOnly ServiceDate, DateOnly SubmittedOn, string Status, string? Outcome, string? RejectionCode, long Claimed, long Benefit,
        DateOnly? DecidedOn, Guid? ReviewerId, Guid? BatchId);

    public sealed record Page(string Queue, IReadOnlyList<ClaimSummary> Claims);

    // A queue is named by the status of the claims in it, so a client reads one word for one state.
    private static readonly Dictionary<string, string> Queues = new()
    {
        [ClaimStatus.PendingReview] = $"status = '{ClaimStatus.PendingReview}'",
        [ClaimStatus.AwaitingSecondApproval] = $"status = '{ClaimStatus.AwaitingSecondApproval}'",
        ["approved-unpaid"] = $"status in ('{ClaimStatus.Approved}', '{ClaimStatus.PartiallyApproved}')",
    };

    /// <summary>The name the second-approval queue had before it took its claims' status; still answered.</summary>
    private const string FormerSecondApprovalName = "pending-second-approval";

    // The register keeps the reviewed outcome of a claim awaiting its second approval (the approval
    // makes it the status); it is not an outcome until then.
    private const string Columns = $"""
        claim_id, provider_id, provider_claim_reference, beneficiary_number, service_date, submitted_on, status,
        case when status = '{ClaimStatus.AwaitingSecondApproval}' then null else outcome end,
        rejection_code, claimed, benefit, decided_on, reviewer_id, batch_id
        """;

    public static async Task<Ok<Page>> Queue(string queue, string? providerId, int? limit, Actor actor, NpgsqlDataSource db, CancellationToken ct)
    {
        if (queue == FormerSecondApprovalName) queue = ClaimStatus.AwaitingSecondApproval;
        if (!Queues.TryGetValue(queue, out var filter))
            throw RequestValidationException.For("queue", $"one of {string.Join(", ", Queues.Keys)}");
        var take = Math.Clamp(limit ?? 100, 1, 1000);
        await using var command = db.CreateCommand($"""
            select {Columns} from claims_register
             where tenant_id = $1 and {filter} and ($2::text is null or provider_id = $2)
             order by submitted_on, claim_id limit {take}
            """);
        command.Parameters.Add(new() { Value = actor.Tenant });
        command.Parameters.Add(new() { Value = (object?)providerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return TypedResults.Ok(new Page(queue, await Read(command, ct)));
    }

    public static async Task<Ok<IReadOnlyList<ClaimSummary>>> OfBeneficiary(string number, Actor actor, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            select {Columns} from claims_register where tenant_id = $1 and beneficiary_number = $2 order by service_date desc, claim_id
            """);
        command.Parameters.Add(new() { Value = actor.Tenant });
        command.Parameters.Add(new() { Value = Domain.Enrolment.BeneficiaryNumber.Normalise(number) });
        return TypedResults.Ok(await Read(command, ct));
    }

    private static async Task<IReadOnlyList<ClaimSummary>> Read(NpgsqlCommand command, CancellationToken ct)
    {
        var claims = new List<ClaimSummary>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            claims.Add(new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4), r.GetFieldValue<DateOnly>(5),
                r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetInt64(9), r.GetInt64(10),
                r.IsDBNull(11) ? null : r.GetFieldValue<DateOnly>(11), r.IsDBNull(12) ? null : r.GetGuid(12), r.IsDBNull(13) ? null : r.GetGuid(13)));
        return claims;
    }
}
