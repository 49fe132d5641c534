using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Contributions.Remittances;

/// <summary>K-8: the manager sends a prepared statement to the Fund; submitting again is already done.</summary>
public static class SubmitRemittance
{
    public static async Task<Results<Ok<Statements.View>, NotFound>> Handle(Guid id, Actor actor, EventStore.EventStore store,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var session = store.OpenSession(actor.Metadata("submit-remittance"));
        var statement = await Statements.Update(session, id, new Domain.Contributions.SubmitRemittance(id, today), ct);
        return statement is null ? TypedResults.NotFound() : TypedResults.Ok(Statements.ToView(statement, null));
    }
}
