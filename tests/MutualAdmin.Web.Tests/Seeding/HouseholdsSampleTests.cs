using System.Text.RegularExpressions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Tests.Seeding;

/// <summary>seeds/households-sample.csv: the file a collector would upload for E-10.</summary>
public sealed class HouseholdsSampleTests
{
    static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Rows = Read();

    [Fact]
    public void E_10_the_sample_has_the_documented_header_and_20_rows_that_parse()
    {
        Assert.Equal(HouseholdCsv.Columns, File.ReadLines(Seeds.Files.HouseholdsSamplePath).First().Split(','));
        Assert.Equal(20, Rows.Count);
        var readme = File.ReadAllText(Path.Combine(Seeds.Files.Folder, "README.md"));
        Assert.All(HouseholdCsv.Columns, c => Assert.Contains($"`{c}`", readme));
    }

    [Fact]
    public void E_10_rows_name_a_seeded_collector_and_locality_and_identify_each_person_once()
    {
        var collectors = Seeds.Files.Collectors().Select(c => c.Id).ToHashSet();
        var communes = Seeds.Files.Localities().Communes().ToHashSet();
        Assert.All(Rows, r => Assert.Contains(r["collector_ref"], collectors));
        Assert.All(Rows, r => Assert.Contains(new Locality(r["region"], r["district"], r["commune"]), communes));
        Assert.Equal(Rows.Count, Rows.Select(r => (r["collector_ref"], r["external_member_ref"])).Distinct().Count());
    }

    [Fact]
    public void E_1_a_year_alone_is_exactly_what_birth_year_estimated_says()
    {
        Assert.All(Rows, r => Assert.Equal(r["birth_date"].Length == 4 ? "true" : "false", r["birth_year_estimated"]));
        Assert.All(Rows, r => Assert.Matches(new Regex("^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$"), r["birth_date"]));
    }

    [Fact]
    public void E_3_every_sample_household_registers_under_the_enrolment_rules()
    {
        Assert.All(Rows.GroupBy(r => r["household_ref"]), h => Assert.Equal(Relationship.Member, h.First()["role"]));
        Assert.Empty(Seeds.RegistrationFailures(Rows, new DateOnly(2026, 6, 1)));
    }

    static IReadOnlyList<IReadOnlyDictionary<string, string>> Read()
    {
        using var reader = File.OpenText(Seeds.Files.HouseholdsSamplePath);
        return [.. HouseholdCsv.Read(reader)];
    }
}
