using MutualAdmin.Domain.Schemes;
using static MutualAdmin.Domain.Enrolment.Household;

namespace MutualAdmin.Domain.Enrolment;

public static class HouseholdDecider
{
    /// <summary>E-3.</summary>
    public const int MaxBeneficiaries = 10;
    public const int ChildAgeLimit = 21, StudentAgeLimit = 25;

    public static IReadOnlyList<IHouseholdEvent> Decide(IHouseholdCommand command, Household state) => (command, state) switch
    {
        (RegisterMember c, NotRegistered) => [Register(c)],
        (RegisterMember c, Registered h) when h.Find(c.PersonId) is not null => [],
        (RegisterMember, Registered) => throw new DomainError("E-1", "HOUSEHOLD_EXISTS", "this household is already registered"),
        (_, NotRegistered) => throw new DomainError("E-1", "HOUSEHOLD_UNKNOWN", "no such household"),

        (AddDependant c, Registered h) when h.Find(c.PersonId) is not null => [],
        (AddDependant c, Registered h) => [Add(c, h)],

        (RemoveDependant c, Registered h) => Person(h, c.PersonId) switch
        {
            { RemovedOn: not null } or { DiedOn: not null } => [],
            { Relationship: Relationship.Member } => throw new DomainError("E-9", "MEMBER_NOT_REMOVABLE",
                "the member leaves by terminating the affiliation, not by removal", "personId"),
            _ => [new DependantRemoved(c.HouseholdId, c.PersonId, Required(c.Reason, "E-3", "reason"), c.RemovedOn)],
        },

        (CorrectPersonDetails c, Registered h) => Correct(c, h, Person(h, c.PersonId)),

        // Erasing twice erases nothing more; the reason is required like every correction's.
        (ErasePerson c, Registered h) => Person(h, c.PersonId).Personal is null
            ? [] : [new PersonErased(c.HouseholdId, c.PersonId, Required(c.Reason, "E-1", "reason"), c.ErasedOn)],

        (RecordDeath c, Registered h) => Person(h, c.PersonId).DiedOn is not null
            ? [] : [new PersonDied(c.HouseholdId, c.PersonId, c.DiedOn)],

        (TransferToNewMember c, Registered h) when h.MemberId == c.NewMemberId => [],
        (TransferToNewMember c, Registered h) => [Transfer(c, h)],

        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name),
    };

    static MemberRegistered Register(RegisterMember c)
    {
        PersonValidation.Check(c.BeneficiaryNumber, c.Personal, c.Sex, c.BirthYear, c.SubsidyCategory, c.Duplicates);
        PersonValidation.CheckBirth(c.Personal.BirthDate, c.BirthYear, c.RegisteredOn);
        if (!OccupationCategory.All.Contains(c.OccupationCategory))
            throw new DomainError("E-1", "OCCUPATION_UNKNOWN", "unknown occupation category", "occupationCategory");
        if (string.IsNullOrWhiteSpace(c.Locality?.Region) || string.IsNullOrWhiteSpace(c.Locality.District) || string.IsNullOrWhiteSpace(c.Locality.Commune))
            throw new DomainError("E-1", "LOCALITY_REQUIRED", "region, district and commune are required", "locality");
        return new(c.HouseholdId, c.PersonId, BeneficiaryNumber.Normalise(c.BeneficiaryNumber), c.Personal, c.Sex,
            c.BirthYear, c.BirthDateEstimated, c.SubsidyCategory, c.Locality, c.OccupationCategory,
            c.Collector, c.ExternalMemberReference, c.RegisteredOn);
    }

    static DependantAdded Add(AddDependant c, Registered h)
    {
        if (h.MemberDied) throw new DomainError("E-9", "MEMBER_DECEASED", "transfer the household to a new member first");
        PersonValidation.Check(c.BeneficiaryNumber, c.Personal, c.Sex, c.BirthYear, c.SubsidyCategory, c.Duplicates);
        PersonValidation.CheckBirth(c.Personal.BirthDate, c.BirthYear, c.AddedOn);
        if (!Relationship.Dependants.Contains(c.Relationship))
            throw new DomainError("E-3", "RELATIONSHIP_UNKNOWN", "spouse, child or other-dependant", "relationship");
        var limit = c.Student ? StudentAgeLimit : ChildAgeLimit;
        var birth = Ages.AssumedBirthDate(c.BirthDateEstimated ? null : c.Personal.BirthDate, c.BirthYear);
        if (c.Relationship == Relationship.Child && Ages.InYears(birth, c.AddedOn) >= limit)
            throw new DomainError("E-3", "DEPENDANT_TOO_OLD", $"a child must be under {limit}", "birthDate");
        // A child older than the member is most often a typing error, yet may be true (an adopted or a
        // step-child): staff confirm it, the way they confirm E-4's same-name warning.
        if (c.Relationship == Relationship.Child && !c.StaffConfirmedChildOlderThanMember
            && Person(h, h.MemberId) is var member && BornBefore(c.BirthDateEstimated ? null : c.Personal.BirthDate, c.BirthYear, member))
            throw new DomainError("E-3", "CHILD_OLDER_THAN_MEMBER",
                "this child is born before the member; check the birth dates, or confirm to register", "birthDate");
        if (h.Current.Count() >= MaxBeneficiaries)
            throw new DomainError("E-3", "HOUSEHOLD_FULL", $"at most {MaxBeneficiaries} beneficiaries per household");
        return new(c.HouseholdId, c.PersonId, BeneficiaryNumber.Normalise(c.BeneficiaryNumber), c.Personal, c.Sex,
            c.BirthYear, c.BirthDateEstimated, c.SubsidyCategory, c.Relationship, c.Student, c.AddedOn);
    }

    /// <summary>
    /// A correction passes the checks of a registration (E-1, E-4, S-4) on the new values. The same
    /// values again change nothing, so a repeated request writes nothing.
    /// </summary>
    static IReadOnlyList<IHouseholdEvent> Correct(CorrectPersonDetails c, Registered h, HouseholdPerson person)
    {
        var reason = Required(c.Reason, "E-1", "reason");
        if (person.Personal is null)
            throw new DomainError("E-1", "PERSONAL_DATA_ERASED", "this person's personal data was erased; it cannot be corrected");
        var personal = c.Personal with { FullName = c.Personal.FullName?.Trim()! };
        if (personal == person.Personal && c.Sex == person.Sex && c.BirthYear == person.BirthYear
            && c.BirthDateEstimated == person.BirthDateEstimated)
            return [];
        // A national ID the person already holds is theirs, not a duplicate.
        var duplicates = personal.NationalId == person.Personal.NationalId ? c.Duplicates with { NationalIdTaken = false } : c.Duplicates;
        PersonValidation.Check(person.BeneficiaryNumber, personal, c.Sex, c.BirthYear, person.SubsidyCategory, duplicates);
        // Only a birth that changes is judged again: a person who turned 121 may still have a phone corrected,
        // and a child confirmed older stays confirmed.
        var birthChanged = personal.BirthDate != person.Personal.BirthDate || c.BirthYear != person.BirthYear
            || c.BirthDateEstimated != person.BirthDateEstimated;
        if (birthChanged) PersonValidation.CheckBirth(personal.BirthDate, c.BirthYear, c.CorrectedOn);
        if (birthChanged && !c.StaffConfirmedChildOlderThanMember) CheckChildrenYounger(h, person with
        {
            Personal = personal, BirthYear = c.BirthYear, BirthDateEstimated = c.BirthDateEstimated,
        });
        return [new PersonDetailsCorrected(c.HouseholdId, c.PersonId, personal, c.Sex, c.BirthYear, c.BirthDateEstimated, reason, c.CorrectedOn)];
    }

    static HouseholdTransferredToNewMember Transfer(TransferToNewMember c, Registered h)
    {
        if (!h.MemberDied) throw new DomainError("E-9", "MEMBER_ALIVE", "only the death of the member transfers the household");
        if (Person(h, c.NewMemberId) is not { IsCurrent: true })
            throw new DomainError("E-9", "NEW_MEMBER_NOT_A_DEPENDANT", "the new member must be a current dependant", "newMemberId");
        return new(c.HouseholdId, c.NewMemberId, c.TransferredOn);
    }

    /// <summary>E-3 after a correction: a child's new birth, or the member's, leaves no child born before the member.</summary>
    static void CheckChildrenYounger(Registered h, HouseholdPerson corrected)
    {
        var member = corrected.PersonId == h.MemberId ? corrected : Person(h, h.MemberId);
        var children = corrected.PersonId == h.MemberId
            ? h.Current.Where(p => p.Relationship == Relationship.Child)
            : corrected.Relationship == Relationship.Child ? [corrected] : [];
        if (children.Any(child => BornBefore(child.BirthDateEstimated ? null : child.Personal?.BirthDate, child.BirthYear, member)))
            throw new DomainError("E-3", "CHILD_OLDER_THAN_MEMBER",
                "a child would be born before the member; check the birth dates, or confirm the correction", "birthDate");
    }

    /// <summary>Born certainly before the member: by the exact dates when both are known, by the years otherwise.</summary>
    static bool BornBefore(DateOnly? exact, int birthYear, HouseholdPerson member) =>
        exact is { } date && !member.BirthDateEstimated && member.Personal?.BirthDate is { } memberBirth
            ? date < memberBirth
            : birthYear < member.BirthYear;

    static HouseholdPerson Person(Registered h, Guid personId) =>
        h.Find(personId) ?? throw new DomainError("E-3", "PERSON_UNKNOWN", "no such person in this household", "personId");

    internal static string Required(string? value, string rule, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainError(rule, "REQUIRED", "is required", field) : value;
}
