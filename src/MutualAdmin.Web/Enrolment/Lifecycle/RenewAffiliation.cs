using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Enrolment.Eligibility;

namespace MutualAdmin.Web.Enrolment.Lifecycle;

/// <summary>E-8: renewal opens 30 days before the year ends and, within the grace period, adds the next year with no gap.</summary>
public static class RenewAffiliation
{
    public sealed record Renewed(Guid AffiliationId, string Status, IReadOnlyList<CoverageYear> Years);

    public static async Task<Results<Ok<Renewed>, NotFound>> Handle(Guid id, Actor actor, EventStore.EventStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var session = store.OpenSession(actor.Metadata("renew-affiliation"));
        var state = await session.UpdateAffiliation(id, a => AffiliationDecider.Decide(
            new Domain.Enrolment.RenewAffiliation(id, today), a), ct);
        return state is null ? TypedResults.NotFound()
            : TypedResults.Ok(new Renewed(id, state.Status?.ToString().ToLowerInvariant() ?? "unknown",
                state is Affiliation.Activated a ? a.Years : []));
    }
}
