using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Contributions.Calling;
using MutualAdmin.Web.Enrolment.GettingMember;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Schemes;
using MutualAdmin.Web.Enrolment.Registering;

namespace MutualAdmin.Web.Enrolment.Dependants;

/// <summary>E-3: a dependant joins the household (E-7: a newborn added within 30 days is covered from birth).</summary>
public static class AddDependant
{
    /// <param name="ConfirmedChildOlderThanMember">E-3: staff checked that a child born before the member is right.</param>
    public sealed record Request(PersonInput Dependant, bool ConfirmedNotDuplicate = false, bool ConfirmedChildOlderThanMember = false);
    public sealed record Added(Guid PersonId, string BeneficiaryNumber);

    public static Task<Results<Created<Added>, NotFound>> Handle(Guid id, Request request, Actor actor, EventStore.EventStore store,
        BeneficiaryNumbers numbers, DuplicateLookup duplicates, Households households, SchemeCatalogues catalogues, TimeProvider clock,
        CancellationToken ct) =>
        // The unit also calls the newcomer's contribution (K-1): a payment recorded meanwhile on the account wins, and this runs again.
        LostRaces.Retrying(() => Add(id, request, actor, store, numbers, duplicates, households, catalogues, clock, ct), attempts: 8);

    private static async Task<Results<Created<Added>, NotFound>> Add(Guid id, Request request, Actor actor, EventStore.EventStore store,
        BeneficiaryNumbers numbers, DuplicateLookup duplicates, Households households, SchemeCatalogues catalogues, TimeProvider clock,
        CancellationToken ct)
    {
        var (date, year, estimated) = HouseholdRegistration.Birth(request.Dependant, "dependant");
        var p = request.Dependant;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var session = store.OpenSession(actor.Metadata("add-dependant"));
        var household = await session.FetchHousehold(id, ct);
        if (household.State is not Household.Registered h) return TypedResults.NotFound();
        var check = (await duplicates.Check(actor.Tenant, [new(p.FullName, date, year, p.NationalId)], h.Locality, request.ConfirmedNotDuplicate, ct))[0];
        var number = (await numbers.Draw(1, ct))[0];
        var personId = Guid.CreateVersion7();
        var personal = new PersonalData(p.FullName?.Trim()!, date, p.Phone, p.NationalId, p.RegistryReference);
        var command = new Domain.Enrolment.AddDependant(id, personId, number, personal, p.Sex, year, estimated,
            p.SubsidyCategory, p.Relationship!, p.Student, today, check, request.ConfirmedChildOlderThanMember);
        IReadOnlyList<IHouseholdEvent> events;
        // The person's fields are named under "dependant", as the request (and the form) has them.
        try { events = HouseholdDecider.Decide(command, h); }
        catch (Domain.DomainError e) when (e.Field is not null) { throw InputErrors.Refine(e, $"dependant.{e.Field}"); }
        session.Append(household, [.. events]);
        var added = (Household.Registered)events.Aggregate((Household)h, Household.Evolve);
        await CallAddedBeneficiaries.Append(session, added, await households.AffiliationIds(actor.Tenant, id, ct), catalogues, ct);
        await session.SaveEnrolment(ct);
        return TypedResults.Created($"/api/members/{id}", new Added(personId, number));
    }
}
