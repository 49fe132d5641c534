using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Enrolment.Lifecycle;

/// <summary>E-9: termination by request, by death of the member, or exclusion for fraud (with a reason).</summary>
public static class TerminateAffiliation
{
    public sealed record Request(string Cause, string? Reason = null, DateOnly? TerminatedOn = null);

    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, Request request, Actor actor,
        EventStore.EventStore store, TimeProvider clock, CancellationToken ct)
    {
        var on = request.TerminatedOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var session = store.OpenSession(actor.Metadata("terminate-affiliation", request.Reason));
        return await session.UpdateAffiliation(id, a => AffiliationDecider.Decide(
                new Domain.Enrolment.TerminateAffiliation(id, request.Cause, request.Reason, on), a), ct) is null
            ? TypedResults.NotFound() : TypedResults.NoContent();
    }
}
