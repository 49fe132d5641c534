using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Enrolment.Registering;

/// <summary>Staff register a member with their dependants in one go (E-1 … E-4).</summary>
public static class RegisterHousehold
{
    /// <param name="ConfirmedNotDuplicate">E-4: staff checked that a same-name, same-birth-date, same-locality person is someone else.</param>
    /// <param name="ConfirmedChildOlderThanMember">E-3: staff checked that a child born before the member is right.</param>
    public sealed record Request(PersonInput Member, Locality Locality, string OccupationCategory,
        PersonInput[]? Dependants = null, bool ConfirmedNotDuplicate = false, bool ConfirmedChildOlderThanMember = false);

    public sealed record Beneficiary(Guid PersonId, string BeneficiaryNumber, string Relationship);
    public sealed record Registered(Guid HouseholdId, IReadOnlyList<Beneficiary> Beneficiaries);

    public static async Task<Created<Registered>> Handle(Request request, Actor actor, EventStore.EventStore store,
        BeneficiaryNumbers numbers, DuplicateLookup duplicates, TimeProvider clock, CancellationToken ct)
    {
        var input = new HouseholdInput(request.Member, request.Locality ?? throw RequestValidationException.For("locality", "is required"),
            request.OccupationCategory, request.Dependants, request.ConfirmedChildOlderThanMember);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var candidates = HouseholdRegistration.Candidates(input);
        var checks = await duplicates.Check(actor.Tenant, candidates, input.Locality, request.ConfirmedNotDuplicate, ct);
        var householdId = Guid.CreateVersion7();
        var events = HouseholdRegistration.Decide(input, householdId, today, await numbers.Draw(candidates.Count, ct), checks);

        await using var session = store.OpenSession(actor.Metadata("register-household"));
        session.StartStream(EnrolmentStreams.Household(actor.Tenant, householdId), "household", [.. events]);
        await session.SaveEnrolment(ct);
        return TypedResults.Created($"/api/members/{householdId}", new Registered(householdId, [.. events.Select(e => e switch
        {
            MemberRegistered m => new Beneficiary(m.PersonId, m.BeneficiaryNumber, Relationship.Member),
            DependantAdded d => new Beneficiary(d.PersonId, d.BeneficiaryNumber, d.Relationship),
            _ => throw new InvalidOperationException(e.GetType().Name),
        })]));
    }
}
