using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Enrolment.Dependants;

/// <summary>E-3: a dependant leaves the household (cover ends the day of removal), with the reason recorded.</summary>
public static class RemoveDependant
{
    public sealed record Request(string Reason, DateOnly? RemovedOn = null);

    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, Guid personId, Request request, Actor actor,
        EventStore.EventStore store, TimeProvider clock, CancellationToken ct)
    {
        var on = request.RemovedOn ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var session = store.OpenSession(actor.Metadata("remove-dependant", request.Reason));
        return await session.UpdateHousehold(id, h => Domain.Enrolment.HouseholdDecider.Decide(
                new Domain.Enrolment.RemoveDependant(id, personId, request.Reason, on), h), ct)
            ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
