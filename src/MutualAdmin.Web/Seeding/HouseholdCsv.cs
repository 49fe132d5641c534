using System.Globalization;

namespace MutualAdmin.Web.Seeding;

/// <summary>
/// The collective-import file of E-10: one row per person, the rows of a household sharing
/// <c>household_ref</c>, the member's row first. Columns are documented in seeds/README.md.
/// </summary>
public static class HouseholdCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "collector_ref", "external_member_ref", "role", "household_ref", "full_name", "sex", "birth_date",
        "birth_year_estimated", "phone", "region", "district", "commune", "occupation", "national_id",
        "subsidy_category", "student", "registry_reference",
    ];

    public static void Write(TextWriter writer, IEnumerable<GeneratedHousehold> households, string collectorRef)
    {
        Csv.WriteLine(writer, Columns);
        foreach (var household in households)
            foreach (var p in household.People)
                Csv.WriteLine(writer,
                [
                    collectorRef, p.ExternalMemberRef, p.Role, household.HouseholdRef, p.FullName, p.Sex,
                    // A year alone says "estimated" in the file itself, as the import reads it.
                    p.BirthYearEstimated ? p.BirthDate.Year.ToString(CultureInfo.InvariantCulture)
                        : p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Bool(p.BirthYearEstimated), p.Phone, household.Locality.Region, household.Locality.District,
                    household.Locality.Commune, p.Occupation, p.NationalId, p.SubsidyCategory, Bool(p.Student),
                    p.RegistryReference,
                ]);
    }

    /// <summary>The rows as column → text (blank fields are empty strings), header checked.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> Read(TextReader reader)
    {
        using var rows = Csv.Read(reader).GetEnumerator();
        // Spreadsheets save CSV with a byte-order mark that a StreamReader may leave in place.
        if (!rows.MoveNext() || !rows.Current.Select(h => h.Trim().TrimStart('\uFEFF')).SequenceEqual(Columns))
            throw new InvalidDataException($"expected the header {string.Join(',', Columns)}");
        for (var row = 2; rows.MoveNext(); row++)
        {
            var fields = rows.Current;
            if (fields.Length != Columns.Count)
                throw new InvalidDataException($"row {row} has {fields.Length} fields, expected {Columns.Count}");
            yield return Columns.Select((c, i) => (c, fields[i].Trim())).ToDictionary(x => x.c, x => x.Item2);
        }
    }

    static string Bool(bool value) => value ? "true" : "false";
}
