using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Enrolment.Correcting;

/// <summary>
/// E-1, A-1: a detail recorded wrongly (a misspelt name, a birth date read off the wrong card) is
/// corrected by a new event with the staff's reason; the registration stays in the log as it was.
/// Fields left out keep their value. The new values pass the registration checks, E-4 included: a
/// national ID held by anyone else, in any tenant, is refused.
/// </summary>
public static class CorrectPersonDetails
{
    public sealed record Request(
        string Reason, string? FullName = null, string? Sex = null, DateOnly? BirthDate = null, int? BirthYear = null,
        string? Phone = null, string? NationalId = null, string? RegistryReference = null, bool ConfirmedNotDuplicate = false,
        bool ConfirmedChildOlderThanMember = false);

    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, Guid personId, Request request, Actor actor,
        EventStore.EventStore store, DuplicateLookup duplicates, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.OpenSession(actor.Metadata("correct-person-details", request.Reason));
        var household = await session.FetchHousehold(id, ct);
        if (household.State is not Household.Registered h || h.Find(personId) is not { } person) return TypedResults.NotFound();

        var (personal, sex, birthYear, estimated) = Merge(request, person);
        var check = personal is null ? DuplicateCheck.Clear : (await duplicates.Check(actor.Tenant,
            [new(personal.FullName, personal.BirthDate, birthYear, personal.NationalId)], h.Locality, request.ConfirmedNotDuplicate, ct))[0];
        // The person's own, unchanged identity is not a possible duplicate of itself.
        if (personal is not null && personal.FullName == person.Personal?.FullName && personal.BirthDate == person.Personal.BirthDate)
            check = check with { SimilarPersonFound = false };
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var command = new Domain.Enrolment.CorrectPersonDetails(id, personId, personal!, sex, birthYear, estimated, request.Reason, today, check,
            request.ConfirmedChildOlderThanMember);
        var events = InputErrors.Decide(() => HouseholdDecider.Decide(command, h));
        if (events.Count == 0) return TypedResults.NoContent();
        session.Append(household, [.. events]);
        await session.SaveEnrolment(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The details as they will read: the request's values over the person's current ones.</summary>
    private static (PersonalData? Personal, string Sex, int BirthYear, bool Estimated) Merge(Request r, HouseholdPerson person)
    {
        (DateOnly? birthDate, int birthYear, bool estimated) = (r.BirthDate, r.BirthYear) switch
        {
            ({ } date, _) => (date, date.Year, false),
            (null, { } year) when year is >= 1900 and <= 2200 => ((DateOnly?)null, year, true),
            (null, { }) => throw RequestValidationException.For("birthYear", "is not a plausible year"),
            _ => (person.Personal?.BirthDate, person.BirthYear, person.BirthDateEstimated),
        };
        var personal = person.Personal is not { } now ? null : new PersonalData(
            r.FullName?.Trim() ?? now.FullName, birthDate, Changed(r.Phone, now.Phone), Changed(r.NationalId, now.NationalId),
            Changed(r.RegistryReference, now.RegistryReference));
        return (personal, r.Sex ?? person.Sex, birthYear, estimated);
    }

    /// <summary>Absent keeps the value; an empty string clears it.</summary>
    private static string? Changed(string? requested, string? current) =>
        requested is null ? current : string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();
}
