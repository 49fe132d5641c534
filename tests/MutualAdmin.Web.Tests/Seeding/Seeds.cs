using System.Globalization;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Tests.Seeding;

/// <summary>The repository's seeds/ folder, and a miniature of the E-10 import to run rows through the rules.</summary>
static class Seeds
{
    public static readonly SeedFiles Files = SeedFiles.Locate();

    /// <summary>
    /// Registers the households of import rows with the household decider (member row first, then
    /// dependants), as of <paramref name="on"/>; returns each household's refusal, if any.
    /// </summary>
    public static IReadOnlyList<string> RegistrationFailures(IEnumerable<IReadOnlyDictionary<string, string>> rows, DateOnly on)
    {
        var failures = new List<string>();
        long sequence = 0;
        foreach (var household in rows.GroupBy(r => r["household_ref"]))
        {
            Household state = Household.Initial;
            var id = Guid.NewGuid();
            try
            {
                foreach (var row in household)
                {
                    var (birthDate, birthYear) = Birth(row["birth_date"]);
                    var personal = new PersonalData(row["full_name"], birthDate, Blank(row["phone"]), Blank(row["national_id"]), Blank(row["registry_reference"]));
                    IHouseholdCommand command = row["role"] == Relationship.Member
                        ? new RegisterMember(id, Guid.NewGuid(), BeneficiaryNumber.From(++sequence), personal, row["sex"], birthYear,
                            birthDate is null, row["subsidy_category"], new(row["region"], row["district"], row["commune"]),
                            row["occupation"], on, DuplicateCheck.Clear, row["collector_ref"], row["external_member_ref"])
                        : new AddDependant(id, Guid.NewGuid(), BeneficiaryNumber.From(++sequence), personal, row["sex"], birthYear,
                            birthDate is null, row["subsidy_category"], row["role"], row["student"] == "true", on, DuplicateCheck.Clear);
                    state = HouseholdDecider.Decide(command, state).Aggregate(state, (s, e) => Household.Evolve(s, e));
                }
            }
            catch (DomainError e)
            {
                failures.Add($"{household.Key}: {e.Rule} {e.Code} {e.Message}");
            }
        }
        return failures;
    }

    // E-1: a year alone means the birth date is estimated.
    static (DateOnly?, int) Birth(string text)
    {
        if (text.Length == 4) return (null, int.Parse(text, CultureInfo.InvariantCulture));
        var date = DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (date, date.Year);
    }

    static string? Blank(string s) => s.Length == 0 ? null : s;
}
