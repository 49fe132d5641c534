using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Claims.Reviewing;

/// <summary>
/// C-9: the second approval of a reviewed claim above the four-eyes threshold, by another medical
/// reviewer or a manager. The server compares the signed-in user with the recorded reviewer.
/// </summary>
public static class ApproveClaim
{
    public static async Task<Results<Ok<ClaimView>, NotFound>> Handle(Guid id, Actor actor,
        EventStore.EventStore store, SchemeCatalogues schemes, TimeProvider clock, CancellationToken ct) =>
        await ClaimStreams.Retrying<Results<Ok<ClaimView>, NotFound>>(async () =>
        {
            await using var session = store.OpenSession(actor.Metadata("approve-claim"));
            var file = await ClaimFile.Load(session, id, schemes, ct);
            if (file.Stored.State is Claim.NotSubmitted) return TypedResults.NotFound();
            var role = actor.Roles.Contains(StaffRole.MedicalReviewer) ? StaffRole.MedicalReviewer
                : actor.Roles.FirstOrDefault(r => r == StaffRole.Manager) ?? actor.Roles.FirstOrDefault() ?? "";
            var events = ClaimDecider.Decide(new ApproveReviewedClaim(id, Guid.Parse(actor.Id), role, clock.GetUtcNow()), file.Stored.State);
            if (events.Count > 0)
            {
                session.Append(file.Stored, [.. events]);
                await session.SaveChanges(ct);
            }
            return TypedResults.Ok(ClaimView.Of(events.Aggregate(file.Stored.State, Claim.Evolve))!);
        });
}
