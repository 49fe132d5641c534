using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Enrolment.Lifecycle;

/// <summary>
/// E-9: a beneficiary's death ends their cover the day before. When the member dies, naming a
/// dependant as the new member keeps the household (and its cover) going without a new wait.
/// </summary>
public static class RecordDeath
{
    public sealed record Request(DateOnly DiedOn, Guid? NewMemberId = null);

    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, Guid personId, Request request, Actor actor,
        EventStore.EventStore store, CancellationToken ct)
    {
        await using var session = store.OpenSession(actor.Metadata("record-death"));
        return await session.UpdateHousehold(id, h =>
        {
            var events = HouseholdDecider.Decide(new Domain.Enrolment.RecordDeath(id, personId, request.DiedOn), h).ToList();
            if (request.NewMemberId is { } heir)
            {
                var after = events.Aggregate((Household)h, Household.Evolve);
                events.AddRange(HouseholdDecider.Decide(new TransferToNewMember(id, heir, request.DiedOn), after));
            }
            return events;
        }, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
