using System.Runtime.CompilerServices;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Enrolment.Registering;
using MutualAdmin.Web.Input;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Enrolment.Importing;

/// <summary>One row as uploaded: its line number in the file and its fields in the file's column order.</summary>
public sealed class FileRow(int number, string[] fields)
{
    // Held for whole batches of households while they are decided and written: one array per row,
    // not a dictionary, keeps what a batch holds on to small.
    private static readonly Dictionary<string, int> Positions =
        HouseholdCsv.Columns.Select((column, i) => (column, i)).ToDictionary(x => x.column, x => x.i);

    public int Number => number;

    public string this[string column] => Positions.TryGetValue(column, out var i) && i < fields.Length ? fields[i] : "";
}

/// <summary>The rows of one household (consecutive rows sharing household_ref), the member first.</summary>
public sealed record HouseholdRows(string Reference, IReadOnlyList<FileRow> Rows, string? Problem = null);

/// <summary>
/// Reads a collector's household file (columns: seeds/README.md) row by row from a stream, never
/// holding more than one household in memory, so a 100,000-household file costs what one does.
/// </summary>
public static class HouseholdFile
{
    public static async IAsyncEnumerable<HouseholdRows> Read(TextReader reader, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var header = await reader.ReadLineAsync(ct);
        if (header is null || !Csv.Split(header).Select(h => h.Trim().TrimStart('\uFEFF')).SequenceEqual(HouseholdCsv.Columns))
            throw new InvalidDataException($"expected the header {string.Join(',', HouseholdCsv.Columns)}");
        var current = new List<FileRow>();
        var line = 1;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            var fields = Csv.Split(text);
            if (fields.Length != HouseholdCsv.Columns.Count)
            {
                yield return new("", [new(line, [])], $"has {fields.Length} fields, expected {HouseholdCsv.Columns.Count}");
                continue;
            }
            for (var i = 0; i < fields.Length; i++) fields[i] = fields[i].Trim();
            var row = new FileRow(line, fields);
            if (current.Count > 0 && current[0]["household_ref"] != row["household_ref"])
            {
                yield return new(current[0]["household_ref"], current);
                current = [];
            }
            current.Add(row);
        }
        if (current.Count > 0) yield return new(current[0]["household_ref"], current);
    }

    public static HouseholdInput Input(HouseholdRows household)
    {
        // The same limits as the API's (Input/TextLimits), reported with the row and the column.
        foreach (var row in household.Rows)
            foreach (var column in HouseholdCsv.Columns)
                if (TextLimits.Problem(column, row[column]) is { } problem) throw new FileRowException(row.Number, column, problem);
        var member = household.Rows[0];
        if (member["role"] != Relationship.Member) throw new FileRowException(member.Number, "role", "a household starts with its member row");
        return new(Person(member), new(member["region"], member["district"], member["commune"]), member["occupation"],
            [.. household.Rows.Skip(1).Select(Person)]);
    }

    private static PersonInput Person(FileRow r)
    {
        var estimated = r["birth_year_estimated"] == "true";
        DateOnly? date = null;
        int? year = null;
        if (estimated && int.TryParse(r["birth_date"].Split('-')[0], out var y)) year = y;
        else if (DateOnly.TryParseExact(r["birth_date"], "yyyy-MM-dd", out var d)) date = d;
        else if (r["birth_date"].Length > 0) throw new FileRowException(r.Number, "birth_date", "expected yyyy-MM-dd");
        return new(r["full_name"], r["sex"], r["subsidy_category"], date, year, Blank(r["phone"]), Blank(r["national_id"]),
            Blank(r["registry_reference"]), r["role"] == Relationship.Member ? null : r["role"], r["student"] == "true");
    }

    private static string? Blank(string text) => text.Length == 0 ? null : text;
}

public sealed class FileRowException(int row, string field, string reason) : Exception(reason)
{
    public int Row { get; } = row;
    public string Field { get; } = field;
}
