using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Enrolment.GettingMember;
using MutualAdmin.Web.Schemes;

namespace MutualAdmin.Web.Enrolment.Affiliating;

/// <summary>E-5: a household asks to join the scheme, on its own or through a collector's group agreement.</summary>
public static class RequestAffiliation
{
    public sealed record Request(string Channel, string PaymentPlan, Guid? GroupAgreementId = null, string? SchemeCode = null);
    public sealed record Requested(Guid AffiliationId, string Status);

    public static async Task<Results<Created<Requested>, NotFound>> Handle(Guid id, Request request, Actor actor,
        EventStore.EventStore store, Households households, SchemeCatalogues schemes, DefaultScheme defaultScheme, TimeProvider clock, CancellationToken ct)
    {
        if (await households.Find(actor.Tenant, id, ct) is not { } file) return TypedResults.NotFound();
        // One running affiliation per household: a second would double the contributions due (E-5, K-1).
        if (file.Affiliations.Any(a => a.Status is AffiliationStatus.Pending or AffiliationStatus.Active or AffiliationStatus.Suspended))
            throw new DomainError("E-5", "AFFILIATION_RUNNING", "this household already has a pending or active affiliation");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var affiliationId = Guid.CreateVersion7();
        // E-9: the dependants of a deceased member carry on without a new waiting period.
        var continues = file.Household.MemberId != file.Household.People[0].PersonId
            && file.Affiliations.Any(a => a is Affiliation.Activated { Ended.Cause: TerminationCause.Death });
        // S-2: the version in force on the request date is the affiliation's, as for its contributions (AccountFile).
        var code = request.SchemeCode ?? defaultScheme.Code;
        var scheme = await schemes.InForce(code, today, ct)
            ?? throw new DomainError("S-2", "SCHEME_NOT_IN_FORCE", $"no version of {code} is in force on {today:yyyy-MM-dd}", "schemeCode");
        var events = InputErrors.Decide(() => AffiliationDecider.Decide(new Domain.Enrolment.RequestAffiliation(affiliationId, id,
            code, request.Channel, request.GroupAgreementId, request.PaymentPlan, today, scheme.WaitingPeriodDays, scheme.GracePeriodDays,
            continues), Affiliation.Initial));

        await using var session = store.OpenSession(actor.Metadata("request-affiliation"));
        session.StartStream(EnrolmentStreams.Affiliation(actor.Tenant, affiliationId), "affiliation", [.. events]);
        await session.SaveEnrolment(ct);
        return TypedResults.Created($"/api/members/{id}", new Requested(affiliationId, "pending"));
    }
}
