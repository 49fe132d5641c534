using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Reference;

namespace MutualAdmin.Web.Claims.Submitting;

/// <summary>C-11: a claims officer enters a paper claim, or a provider's system sends one.</summary>
public static class SubmitClaim
{
    /// <summary>Staff name the provider in the body; a paper claim is entered for any contracted provider.</summary>
    public static async Task<Results<Created<ClaimView>, Ok<ClaimView>>> ByStaff(ClaimRequest request, Actor actor,
        Providers providers, ClaimIntake intake, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.ProviderId)) throw RequestValidationException.For("providerId", "is required");
        var provider = await providers.Find(actor.Tenant, request.ProviderId.Trim(), ct)
            ?? throw RequestValidationException.For("providerId", "no contracted provider of this mutual has this id");
        return await Submit(request, provider, actor, intake, clock, "submit-claim", ct);
    }

    /// <summary>A provider's system: the provider is the one its credentials name, never the body's.</summary>
    public static async Task<Results<Created<ClaimView>, Ok<ClaimView>>> ByProvider(ClaimRequest request, Actor actor,
        Providers providers, ClaimIntake intake, TimeProvider clock, CancellationToken ct)
    {
        var provider = await providers.Find(actor.Tenant, actor.Provider ?? "", ct)
            ?? throw RequestValidationException.For("providerId", "these credentials name no contracted provider of the mutual");
        if (request.ProviderId is { } named && !string.IsNullOrWhiteSpace(named) && named.Trim() != provider.Id)
            throw RequestValidationException.For("providerId", "a provider submits its own claims only");
        return await Submit(request, provider, actor, intake, clock, "submit-claim-api", ct);
    }

    private static async Task<Results<Created<ClaimView>, Ok<ClaimView>>> Submit(ClaimRequest request, Provider provider, Actor actor,
        ClaimIntake intake, TimeProvider clock, string command, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var submission = request.ToSubmission(actor.Tenant, provider, today);
        var result = await intake.Submit(submission, actor.Metadata(command), ct);
        return result.Created
            ? TypedResults.Created($"/api/claims/{result.Claim.ClaimId}", result.Claim)
            : TypedResults.Ok(result.Claim);
    }
}
