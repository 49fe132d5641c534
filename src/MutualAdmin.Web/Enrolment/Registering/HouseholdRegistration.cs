using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Enrolment.Registering;

/// <summary>A person as staff or a collector's file describe them (E-1); birth date, or year only when unknown.</summary>
public sealed record PersonInput(
    string FullName, string Sex, string SubsidyCategory, DateOnly? BirthDate = null, int? BirthYear = null,
    string? Phone = null, string? NationalId = null, string? RegistryReference = null, string? Relationship = null, bool Student = false);

/// <summary>A household to register: the member first, then the dependants (E-1, E-3).</summary>
/// <param name="ConfirmedChildOlderThanMember">E-3: staff checked that a child born before the member is right.</param>
public sealed record HouseholdInput(PersonInput Member, Locality Locality, string OccupationCategory, PersonInput[]? Dependants,
    bool ConfirmedChildOlderThanMember = false);

/// <summary>
/// Turns a household into its events with the domain's deciders: the shared path of the staff API
/// and the collective import (E-10), so both refuse exactly the same things with the same fields.
/// </summary>
public static class HouseholdRegistration
{
    public static IReadOnlyList<Candidate> Candidates(HouseholdInput input) =>
        [.. People(input).Select(x => { var (date, year, _) = Birth(x.Person, x.Field); return new Candidate(x.Person.FullName, date, year, x.Person.NationalId); })];

    public static IReadOnlyList<IHouseholdEvent> Decide(HouseholdInput input, Guid householdId, DateOnly today,
        IReadOnlyList<string> numbers, IReadOnlyList<DuplicateCheck> duplicates, string? collector = null, string? externalReference = null)
    {
        var people = People(input).ToList();
        Household state = Household.Initial;
        var events = new List<IHouseholdEvent>();
        for (var i = 0; i < people.Count; i++)
        {
            var (p, field) = people[i];
            var (date, year, estimated) = Birth(p, field);
            var personal = new PersonalData(p.FullName?.Trim()!, date, Blank(p.Phone), Blank(p.NationalId), Blank(p.RegistryReference));
            IHouseholdCommand command = i == 0
                ? new RegisterMember(householdId, Guid.CreateVersion7(), numbers[i], personal, p.Sex, year, estimated, p.SubsidyCategory,
                    input.Locality, input.OccupationCategory, today, duplicates[i], collector, externalReference)
                : new AddDependant(householdId, Guid.CreateVersion7(), numbers[i], personal, p.Sex, year, estimated, p.SubsidyCategory,
                    p.Relationship!, p.Student, today, duplicates[i], input.ConfirmedChildOlderThanMember);
            try
            {
                foreach (var e in HouseholdDecider.Decide(command, state)) { events.Add(e); state = Household.Evolve(state, e); }
            }
            catch (DomainError e) when (e.Field is not null)
            {
                throw InputErrors.Refine(e, e.Field is "locality" or "occupationCategory" ? e.Field : $"{field}.{e.Field}");
            }
        }
        return events;
    }

    private static IEnumerable<(PersonInput Person, string Field)> People(HouseholdInput input) =>
        new[] { (input.Member, "member") }.Concat((input.Dependants ?? []).Select((d, i) => (d, $"dependants[{i}]")));

    /// <summary>E-1: an exact date, or a year flagged estimated.</summary>
    public static (DateOnly? Date, int Year, bool Estimated) Birth(PersonInput p, string field) => (p.BirthDate, p.BirthYear) switch
    {
        ({ } date, _) => (date, date.Year, false),
        (null, { } year) when year is >= 1900 and <= 2200 => (null, year, true),
        (null, { }) => throw RequestValidationException.For($"{field}.birthYear", "is not a plausible year"),
        _ => throw RequestValidationException.For($"{field}.birthDate", "a birth date or a birth year is required"),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
