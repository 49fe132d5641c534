using System.Diagnostics;
using System.Runtime.InteropServices;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;
using static MutualAdmin.Domain.Enrolment.HouseholdDecider;

namespace MutualAdmin.Web.Seeding;

/// <summary>
/// Draws one household: the member, spouse(s), their children, then other dependants until the drawn
/// size is reached. Every random choice goes through the one <see cref="Random"/> in a fixed order,
/// which is what makes the population reproducible from its seed.
/// </summary>
sealed class HouseholdDraft(Random random, SyntheticIdentities identities, DateOnly asOf, string householdRef)
{
    // Persons per household 1..10 (E-3 caps beneficiaries at 10), weighted around 5-6 as in rural
    // West-African household surveys; the mean is 5.32.
    static readonly (int Value, int Weight)[] Sizes =
        [(1, 6), (2, 8), (3, 11), (4, 14), (5, 15), (6, 14), (7, 11), (8, 9), (9, 7), (10, 5)];
    static readonly (string Value, int Weight)[] Subsidies =
        [(SubsidyCategory.Standard, 70), (SubsidyCategory.Indigent, 15), (SubsidyCategory.None, 15)];
    static readonly (string Value, int Weight)[] Occupations =
    [
        (OccupationCategory.Agriculture, 34), (OccupationCategory.Trade, 22), (OccupationCategory.Crafts, 10),
        (OccupationCategory.Transport, 8), (OccupationCategory.DomesticWork, 7), (OccupationCategory.WastePicking, 3),
        (OccupationCategory.Fishing, 8), (OccupationCategory.Other, 8),
    ];
    // Years between two births of the same mother: mostly two or three.
    static readonly (int Value, int Weight)[] BirthGaps = [(1, 15), (2, 40), (3, 30), (4, 15)];
    const int YoungestMotherAge = 16;

    readonly List<GeneratedPerson> people = [];
    string subsidy = SubsidyCategory.Standard;
    string? registry;

    public GeneratedHousehold Draw(Locality locality)
    {
        var size = Weighted(Sizes);
        subsidy = Weighted(Subsidies);
        // Indigence is recorded per household in the registry; each beneficiary gets its line in it.
        registry = subsidy == SubsidyCategory.Indigent ? identities.RegistryHousehold() : null;

        var memberSex = Chance(78) ? Sex.Male : Sex.Female;
        // 18..70 peaking in the forties; a large household is rarely headed by a twenty-year-old.
        var memberAge = Math.Max(18 + random.Next(27) + random.Next(27), Math.Min(70, 14 + 2 * size));
        var family = Pick(PopulationNames.Family);
        Add(Relationship.Member, memberSex, memberAge, family, phonePercent: 70, idPercent: 40, Weighted(Occupations));

        var (motherAges, childFamily) = size == 1 ? ([], family) : Spouses(memberSex, memberAge, family, size);
        foreach (var (age, student) in ChildAges(motherAges, size - people.Count))
            Add(Relationship.Child, Chance(51) ? Sex.Male : Sex.Female, age, childFamily, 20, 15, student: student);
        while (people.Count < size) OtherDependant(memberAge, family);
        return new(householdRef, locality, [.. people]);
    }

    /// <returns>the ages of the children's mothers, and the family name the children carry</returns>
    (List<int> MotherAges, string ChildFamily) Spouses(string memberSex, int memberAge, string family, int size)
    {
        if (memberSex == Sex.Female)
        {
            if (!Chance(35)) return ([memberAge], Chance(50) ? family : Pick(PopulationNames.Family));
            var husbandFamily = Pick(PopulationNames.Family);
            Add(Relationship.Spouse, Sex.Male, Math.Min(90, memberAge + random.Next(2, 15)), husbandFamily, 35, 30);
            return ([memberAge], husbandFamily);
        }
        if (!Chance(size == 2 ? 60 : 92)) return ([Math.Max(18, memberAge - random.Next(3, 10))], family);
        // Polygamous unions are common enough in the region that a demo should show them.
        var wives = Math.Min(size >= 5 && Chance(22) ? 2 : 1, size - 1);
        var ages = new List<int>();
        for (var w = 0; w < wives; w++)
        {
            var age = Math.Max(18, memberAge - (w == 0 ? random.Next(3, 14) : random.Next(8, 25)));
            Add(Relationship.Spouse, Sex.Female, age, Pick(PopulationNames.Family), 35, 30);
            ages.Add(age);
        }
        return (ages, family);
    }

    /// <summary>
    /// Each mother's children from the youngest up, spaced by birth gaps, born when she was at least
    /// 16. E-3: a child is a dependant under 21, or under 25 while a student; older ones have left.
    /// </summary>
    List<(int Age, bool Student)> ChildAges(List<int> motherAges, int slots)
    {
        var candidates = new List<(int Age, bool Student)>();
        foreach (var motherAge in motherAges)
            for (var age = random.Next(4) + Math.Max(0, motherAge - 44); motherAge - age >= YoungestMotherAge && age < StudentAgeLimit;
                 age += Weighted(BirthGaps))
            {
                var student = age >= 18 && Chance(40);
                if (age < ChildAgeLimit || student) candidates.Add((age, student));
            }
        random.Shuffle(CollectionsMarshal.AsSpan(candidates));
        return [.. candidates.Take(slots).OrderByDescending(c => c.Age)];
    }

    /// <summary>An elderly parent, or a young relative entrusted to the household (E-3 other-dependant).</summary>
    void OtherDependant(int memberAge, string family)
    {
        if (Chance(35))
        {
            var sex = Chance(70) ? Sex.Female : Sex.Male;
            Add(Relationship.OtherDependant, sex, Math.Min(95, memberAge + random.Next(18, 32)),
                sex == Sex.Male ? family : Pick(PopulationNames.Family), 10, 20);
        }
        else
            Add(Relationship.OtherDependant, Chance(50) ? Sex.Male : Sex.Female, random.Next(0, 21),
                Chance(50) ? family : Pick(PopulationNames.Family), 5, 10);
    }

    void Add(string role, string sex, int age, string family, int phonePercent, int idPercent,
        string? occupation = null, bool student = false)
    {
        // Many adults born before civil registration was universal know only their birth year.
        var estimated = age >= 30 && Chance(age >= 60 ? 40 : 15);
        var birth = estimated ? new DateOnly(asOf.Year - age, 1, 1) : asOf.AddYears(-age).AddDays(-random.Next(365));
        var number = people.Count + 1;
        people.Add(new($"{householdRef}-{number:D2}", role, $"{GivenName(sex)} {family}", sex, birth, estimated,
            age >= 15 && Chance(phonePercent) ? Phone() : null,
            age >= 15 && Chance(idPercent) ? identities.NationalId(sex) : null,
            occupation, subsidy, registry is null ? null : $"{registry}-{number:D2}", student));
    }

    string GivenName(string sex)
    {
        var names = sex == Sex.Male ? PopulationNames.Male : PopulationNames.Female;
        var first = Pick(names);
        // Compound given names ("Mamadou Lamine", "Ndeye Fatou") are frequent, and they also keep
        // same-name-same-birth-date pairs (an E-4 warning) rare in large populations.
        if (!Chance(30)) return first;
        string second;
        do second = Pick(names); while (second == first);
        return $"{first} {second}";
    }

    // Senegalese mobile numbers: +221, an operator prefix, seven digits.
    string Phone() => $"+221{Pick(MobilePrefixes)}{random.Next(10_000_000):D7}";
    static readonly string[] MobilePrefixes = ["70", "75", "76", "77", "78"];

    bool Chance(int percent) => random.Next(100) < percent;
    T Pick<T>(T[] values) => values[random.Next(values.Length)];

    T Weighted<T>((T Value, int Weight)[] values)
    {
        var draw = random.Next(values.Sum(v => v.Weight));
        foreach (var (value, weight) in values)
            if ((draw -= weight) < 0) return value;
        throw new UnreachableException();
    }
}
