using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.Web.Seeding;
using static MutualAdmin.Domain.Enrolment.HouseholdDecider;

namespace MutualAdmin.Web.Tests.Seeding;

public sealed class PopulationGeneratorTests
{
    static readonly DateOnly AsOf = new(2026, 6, 1);
    static readonly PopulationGenerator Generator = PopulationGenerator.FromSeeds(Seeds.Files);
    static readonly IReadOnlyList<GeneratedHousehold> Sample = [.. Generator.Generate(2000, seed: 42, AsOf)];
    static readonly IReadOnlyList<GeneratedPerson> People = [.. Sample.SelectMany(h => h.People)];

    [Fact]
    public void The_same_seed_gives_the_same_population_and_another_seed_another()
    {
        Assert.Equal(Csv(Generator.Generate(300, 7, AsOf)), Csv(Generator.Generate(300, 7, AsOf)));
        Assert.NotEqual(Csv(Generator.Generate(300, 7, AsOf)), Csv(Generator.Generate(300, 8, AsOf)));
    }

    [Fact]
    public void E_3_households_hold_1_to_10_people_with_a_mean_near_5()
    {
        Assert.All(Sample, h => Assert.InRange(h.People.Count, 1, MaxBeneficiaries));
        Assert.InRange(Sample.Average(h => h.People.Count), 4.0, 6.0);
        Assert.Contains(Sample, h => h.People.Count == 1);
        Assert.Contains(Sample, h => h.People.Count == MaxBeneficiaries);
    }

    [Fact]
    public void E_3_one_member_aged_18_to_70_then_spouses_children_under_the_limits_and_other_dependants()
    {
        Assert.All(Sample, h => Assert.Equal(Relationship.Member, h.Member.Role));
        Assert.All(Sample, h => Assert.Single(h.People, p => p.Role == Relationship.Member));
        Assert.All(Sample, h => Assert.InRange(h.Member.AgeOn(AsOf), 18, 70));
        Assert.All(People.Where(p => p.Role == Relationship.Child), c =>
            Assert.True(c.AgeOn(AsOf) < (c.Student ? StudentAgeLimit : ChildAgeLimit), $"{c.ExternalMemberRef} aged {c.AgeOn(AsOf)}"));
        Assert.Contains(People, p => p.Role == Relationship.Child && p.Student && p.AgeOn(AsOf) >= ChildAgeLimit);
        Assert.Contains(Sample, h => h.People.Count(p => p.Role == Relationship.Spouse) == 2);
        Assert.Contains(People, p => p.Role == Relationship.OtherDependant);
    }

    [Fact]
    public void E_1_personal_data_has_the_intended_mix()
    {
        var members = Sample.Select(h => h.Member).ToList();
        Assert.InRange(Share(members, m => m.Phone is not null), 0.65, 0.75);
        Assert.InRange(Share(members, m => m.NationalId is not null), 0.35, 0.45);
        Assert.InRange(Share(members, m => m.SubsidyCategory == SubsidyCategory.Standard), 0.65, 0.75);
        Assert.InRange(Share(members, m => m.SubsidyCategory == SubsidyCategory.Indigent), 0.12, 0.18);
        Assert.All(members, m => Assert.Contains(m.Occupation!, OccupationCategory.All));
        Assert.All(People, p => Assert.Contains(p.Sex, Sex.All));
        Assert.InRange(Share(People, p => p.Sex == Sex.Female), 0.4, 0.6);
        Assert.Contains(People, p => p.BirthYearEstimated);
        Assert.All(People.Where(p => p.BirthYearEstimated), p => Assert.Equal((1, 1), (p.BirthDate.Month, p.BirthDate.Day)));
    }

    [Fact]
    public void E_4_national_ids_never_repeat_and_S_4_every_indigent_has_a_registry_reference()
    {
        var ids = People.Where(p => p.NationalId is not null).Select(p => p.NationalId!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[12][0-9]{12}$", id));
        Assert.All(People.Where(p => p.SubsidyCategory == SubsidyCategory.Indigent), p => Assert.NotNull(p.RegistryReference));
        var refs = People.Select(p => p.ExternalMemberRef).ToList();
        Assert.Equal(refs.Count, refs.Distinct().Count());
    }

    [Fact]
    public void Every_generated_household_registers_under_the_enrolment_rules()
    {
        using var reader = new StringReader(Csv(Sample.Take(500)));
        Assert.Empty(Seeds.RegistrationFailures([.. HouseholdCsv.Read(reader)], AsOf));
    }

    [Fact]
    public void Households_are_drawn_lazily_so_a_million_cost_nothing_until_enumerated()
    {
        // Touch the class's statics and JIT the generator first: the first access builds the 2,000-household
        // sample, which would otherwise be counted against the lazy draw below.
        var generator = Generator;
        _ = generator.Generate(10, 3, AsOf).ToList();

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var first = generator.Generate(1_000_000, 3, AsOf).Take(10).ToList();
        var cost = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.Equal(10, first.Count);
        Assert.True(cost < 1_000_000, $"drawing 10 of a million households allocated {cost:N0} bytes");
    }

    [Fact]
    public void Bad_arguments_fail_at_the_call_not_at_enumeration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Generator.Generate(-1, 1, AsOf));
        Assert.Throws<InvalidOperationException>(() => new PopulationGenerator([]).Generate(1, 1, AsOf));
    }

    static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) => (double)items.Count(predicate) / items.Count;

    static string Csv(IEnumerable<GeneratedHousehold> households)
    {
        var writer = new StringWriter();
        PopulationGenerator.WriteCsv(writer, households, "coop-saloum");
        return writer.ToString();
    }
}
