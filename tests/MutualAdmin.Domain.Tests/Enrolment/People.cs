using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Domain.Tests.Enrolment;

/// <summary>A household of the demo population: Awa (member), her husband Moussa, their son Ibrahima.</summary>
public static class People
{
    public static readonly Guid HouseholdId = Guid.Parse("6f1c1c0e-0000-4000-8000-000000000001");
    public static readonly Guid Awa = Guid.Parse("6f1c1c0e-0000-4000-8000-0000000000a1");
    public static readonly Guid Moussa = Guid.Parse("6f1c1c0e-0000-4000-8000-0000000000a2");
    public static readonly Guid Ibrahima = Guid.Parse("6f1c1c0e-0000-4000-8000-0000000000a3");
    public static readonly Locality Thies = new("Thiès", "Mbour", "Joal-Fadiouth");
    public static readonly DateOnly RegisteredOn = new(2026, 1, 1);

    public static string Number(int sequence) => BeneficiaryNumber.From(sequence);

    public static PersonalData Personal(string name, DateOnly birth, string? nationalId = null, string? registry = null) =>
        new(name, birth, "+221 77 000 00 00", nationalId, registry);

    public static RegisterMember RegisterAwa(string subsidy = "standard", DuplicateCheck? duplicates = null, string? registry = null) =>
        new(HouseholdId, Awa, Number(1), Personal("Awa Ndiaye", new(1988, 5, 3), "1234567890123", registry), "F", 1988, false,
            subsidy, Thies, "fishing", RegisteredOn, duplicates ?? DuplicateCheck.Clear);

    public static MemberRegistered AwaRegistered => new(HouseholdId, Awa, Number(1),
        Personal("Awa Ndiaye", new(1988, 5, 3), "1234567890123"), "F", 1988, false, "standard", Thies, "fishing", null, null, RegisteredOn);

    public static AddDependant AddChild(Guid id, DateOnly birth, DateOnly addedOn, bool student = false, int sequence = 3) =>
        new(HouseholdId, id, Number(sequence), Personal("Ibrahima Ndiaye", birth), "M", birth.Year, false, "standard",
            Relationship.Child, student, addedOn, DuplicateCheck.Clear);

    public static DependantAdded ChildAdded(Guid id, DateOnly birth, DateOnly addedOn, bool student = false, int sequence = 3) =>
        new(HouseholdId, id, Number(sequence), Personal("Ibrahima Ndiaye", birth), "M", birth.Year, false, "standard",
            Relationship.Child, student, addedOn);

    public static DependantAdded MoussaAdded => new(HouseholdId, Moussa, Number(2),
        Personal("Moussa Ndiaye", new(1985, 2, 11)), "M", 1985, false, "standard", Relationship.Spouse, false, RegisteredOn);

    public static Household.Registered HouseholdOf(params IHouseholdEvent[] events) =>
        (Household.Registered)events.Aggregate(Domain.Enrolment.Household.Initial, Domain.Enrolment.Household.Evolve);
}
