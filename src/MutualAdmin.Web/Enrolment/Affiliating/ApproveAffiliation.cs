using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Enrolment.Affiliating;

/// <summary>
/// E-6: approval of a pending affiliation. A household whose current beneficiaries are all indigent
/// (each listed in the social registry, S-4) has no member share to pay, so approval activates it.
/// </summary>
public static class ApproveAffiliation
{
    public sealed record Approved(Guid AffiliationId, string Status);

    public static async Task<Results<Ok<Approved>, NotFound>> Handle(Guid id, Actor actor, EventStore.EventStore store,
        TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.OpenSession(actor.Metadata("approve-affiliation"));
        var affiliation = await session.FetchAffiliation(id, ct);
        if (TermsOf(affiliation.State) is not { } terms) return TypedResults.NotFound();
        var household = await session.FetchHousehold(terms.HouseholdId, ct);
        var allIndigent = household.State is Household.Registered h && h.Current.All(x => x.SubsidyCategory == SubsidyCategory.Indigent);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var events = InputErrors.Decide(() => AffiliationDecider.Decide(new Domain.Enrolment.ApproveAffiliation(id, today, allIndigent), affiliation.State));
        if (events.Count > 0)
        {
            session.Append(affiliation, [.. events]);
            await session.SaveEnrolment(ct);
        }
        var state = events.Aggregate(affiliation.State, Affiliation.Evolve);
        return TypedResults.Ok(new Approved(id, state.Status?.ToString().ToLowerInvariant() ?? "unknown"));
    }

    public static AffiliationTerms? TermsOf(Affiliation state) => state switch
    {
        Affiliation.Pending p => p.Terms,
        Affiliation.Activated a => a.Terms,
        Affiliation.Withdrawn w => w.Terms,
        _ => null,
    };
}
