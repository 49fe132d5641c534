using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Claims.Reading;

/// <summary>A claim with its decision per line, folded from its stream (always current).</summary>
public static class GetClaim
{
    public static async Task<Results<Ok<ClaimView>, NotFound>> ById(Guid id, Actor actor, EventStore.EventStore store, CancellationToken ct)
    {
        await using var session = store.OpenSession(actor.Metadata("get-claim"));
        return ClaimView.Of((await session.FetchClaim(id, ct)).State) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    /// <summary>C-11: a provider finds its claim by its own reference; another provider's claims do not exist for it.</summary>
    public static async Task<Results<Ok<ClaimView>, NotFound>> ByReference(string reference, Actor actor, EventStore.EventStore store, CancellationToken ct)
    {
        if (actor.Provider is not { } provider) return TypedResults.NotFound();
        await using var session = store.OpenSession(actor.Metadata("get-claim"));
        var id = ClaimStreams.ClaimId(actor.Tenant, provider, reference);
        return ClaimView.Of((await session.FetchClaim(id, ct)).State) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }
}
