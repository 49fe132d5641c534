using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Streams;
using Npgsql;

namespace MutualAdmin.Web.Enrolment;

/// <summary>Stream names of the enrolment aggregates, and the one way their units of work are saved.</summary>
public static class EnrolmentStreams
{
    public static StreamId Household(string tenant, Guid id) => new(tenant, $"household-{id}");
    public static StreamId Affiliation(string tenant, Guid id) => new(tenant, $"affiliation-{id}");

    public static Task<StreamState<Household>> FetchHousehold(this EventSession session, Guid id, CancellationToken ct) =>
        session.FetchForWriting(Household(session.Tenant, id), Domain.Enrolment.Household.Initial,
            (s, e) => e is IHouseholdEvent h ? Domain.Enrolment.Household.Evolve(s, h) : s, ct: ct);

    public static Task<StreamState<Affiliation>> FetchAffiliation(this EventSession session, Guid id, CancellationToken ct) =>
        session.FetchForWriting(Affiliation(session.Tenant, id), Domain.Enrolment.Affiliation.Initial,
            (s, e) => e is IAffiliationEvent a ? Domain.Enrolment.Affiliation.Evolve(s, a) : s, ct: ct);

    /// <summary>Load, decide, append (skipped when the decision is "already done"). False when there is no such household.</summary>
    public static async Task<bool> UpdateHousehold(this EventSession session, Guid id,
        Func<Household.Registered, IReadOnlyList<IHouseholdEvent>> decide, CancellationToken ct)
    {
        var household = await session.FetchHousehold(id, ct);
        if (household.State is not Household.Registered registered) return false;
        var events = InputErrors.Decide(() => decide(registered));
        if (events.Count == 0) return true;
        session.Append(household, [.. events]);
        await session.SaveEnrolment(ct);
        return true;
    }

    /// <summary>The same for an affiliation.</summary>
    public static async Task<Affiliation?> UpdateAffiliation(this EventSession session, Guid id,
        Func<Affiliation, IReadOnlyList<IAffiliationEvent>> decide, CancellationToken ct)
    {
        var affiliation = await session.FetchAffiliation(id, ct);
        if (affiliation.State is Domain.Enrolment.Affiliation.NonExisting) return null;
        var events = InputErrors.Decide(() => decide(affiliation.State));
        if (events.Count > 0)
        {
            session.Append(affiliation, [.. events]);
            await session.SaveEnrolment(ct);
        }
        return events.Aggregate(affiliation.State, Domain.Enrolment.Affiliation.Evolve);
    }

    /// <summary>
    /// Saves the unit; a national ID that a concurrent unit registered first (the blind index's unique
    /// key, written inline) is the same E-4 refusal as one found beforehand, and nothing is written.
    /// </summary>
    public static async Task SaveEnrolment(this EventSession session, CancellationToken ct)
    {
        try
        {
            await session.SaveChanges(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "national_ids")
        {
            throw NationalIdTaken("nationalId");
        }
    }

    /// <summary>E-4: never says which mutual holds the ID, nor whether it is this one.</summary>
    public static DomainError NationalIdTaken(string field) =>
        new("E-4", "NATIONAL_ID_ALREADY_REGISTERED", "this national ID is already registered", field);
}
