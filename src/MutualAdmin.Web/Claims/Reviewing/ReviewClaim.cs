using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Claims.Reviewing;

/// <summary>
/// C-8: a medical reviewer lowers quantities or prices or rejects lines, always with a justification;
/// naming no line confirms the claim as its automatic adjudication priced it.
/// </summary>
public static class ReviewClaim
{
    // Every field optional in JSON, so that a missing one is reported by the checks below with its rule.
    public sealed record Request(IReadOnlyList<LineRequest>? Lines = null, bool RejectClaim = false, string? Justification = null);
    public sealed record LineRequest(int LineNumber, int? Quantity = null, long? UnitPrice = null, bool Reject = false);

    public static async Task<Results<Ok<ClaimView>, NotFound>> Handle(Guid id, Request request, Actor actor,
        EventStore.EventStore store, SchemeCatalogues schemes, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Justification))
            throw RequestValidationException.For("justification", "C-8 JUSTIFICATION_REQUIRED: a review states its justification");
        var lines = request.Lines ?? [];
        CheckRanges(lines);

        return await ClaimStreams.Retrying<Results<Ok<ClaimView>, NotFound>>(async () =>
        {
            await using var session = store.OpenSession(actor.Metadata("review-claim", request.Justification));
            var file = await ClaimFile.Load(session, id, schemes, ct);
            if (file.Stored.State is Claim.NotSubmitted) return TypedResults.NotFound();
            var command = new Domain.Claims.ReviewClaim(id, Guid.Parse(actor.Id), StaffRole.MedicalReviewer,
                [.. lines.Select(l => new LineReview(l.LineNumber, l.Quantity, l.UnitPrice, l.Reject))], request.RejectClaim,
                request.Justification.Trim(), file.Scheme?.FourEyesThreshold ?? 0, clock.GetUtcNow());
            var events = Enrolment.InputErrors.Decide(() => ClaimDecider.Decide(command, file.Stored.State));
            session.Append(file.Stored, [.. events]);
            await session.SaveChanges(ct);
            return TypedResults.Ok(ClaimView.Of(events.Aggregate(file.Stored.State, Claim.Evolve))!);
        });
    }

    /// <summary>
    /// The plausible ranges (issue 22), before the rule that a review only lowers (C-8): 0 rejects the
    /// line, so a lowered quantity or price is 0 or more, and never more than a claim may hold.
    /// </summary>
    private static void CheckRanges(IReadOnlyList<LineRequest> lines)
    {
        var errors = new Dictionary<string, string[]>();
        if (lines.Count > Amounts.MaxClaimLines) errors["lines"] = [$"C-8 TOO_MANY_LINES: a claim has at most {Amounts.MaxClaimLines} lines"];
        for (var i = 0; i < Math.Min(lines.Count, Amounts.MaxClaimLines); i++)
        {
            if (lines[i] is null) { errors[$"lines[{i}]"] = ["is required"]; continue; }
            if (lines[i].Quantity is < 0 or > Amounts.MaxQuantity)
                errors[$"lines[{i}].quantity"] = [$"C-8 LINE_INVALID: a quantity from 0 to {Amounts.MaxQuantity}"];
            if (lines[i].UnitPrice is < 0 or > Amounts.MaxAmount)
                errors[$"lines[{i}].unitPrice"] = [$"C-8 LINE_INVALID: a unit price from 0 to {Amounts.MaxAmount} in the currency's minor unit"];
        }
        if (errors.Count > 0) throw new RequestValidationException(errors);
    }
}
