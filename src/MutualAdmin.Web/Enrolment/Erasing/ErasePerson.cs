using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Enrolment.Privacy;

namespace MutualAdmin.Web.Enrolment.Erasing;

/// <summary>
/// Erases a person's personal data (end of retention, or the person's request): a person-erased event
/// with the reason, the person's key and keyed hashes deleted in the same transaction. No event is
/// rewritten, so the hash chain still verifies; the events that sealed the data now read back without
/// it, in every replay, report and rebuilt projection. Managers decide it.
/// </summary>
public static class ErasePerson
{
    public sealed record Request(string Reason);

    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, Guid personId, Request request, Actor actor,
        EventStore.EventStore store, PersonKeys keys, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var session = store.OpenSession(actor.Metadata("erase-person", request.Reason));
        var found = await session.UpdateHousehold(id, h => HouseholdDecider.Decide(
            new Domain.Enrolment.ErasePerson(id, personId, request.Reason, today), h), ct);
        keys.Forget(personId);
        return found ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
