using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Contributions.Bulk;

/// <summary>One member's share of a collector's transfer: row number (1 = first data row), whose, how much.</summary>
public sealed record AllocationRow(int Row, string BeneficiaryNumber, long Amount);

/// <summary>
/// The collector's allocation file: a header <c>beneficiary_number,amount</c> then one row per member
/// (the member's own beneficiary number). Every row is checked and every problem reported, by row.
/// </summary>
public static class AllocationFile
{
    public const int MaxRows = 5000;
    public static readonly string[] Header = ["beneficiary_number", "amount"];

    public static (IReadOnlyList<AllocationRow> Rows, Dictionary<string, string[]> Errors) Read(TextReader reader)
    {
        var rows = new List<AllocationRow>();
        var errors = new Dictionary<string, string[]>();
        var lines = Csv.Read(reader).GetEnumerator();
        if (!lines.MoveNext() || !lines.Current.Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Header))
        {
            errors["$"] = [$"K-4 FILE_INVALID: the first line is the header {string.Join(',', Header)}"];
            return (rows, errors);
        }
        var seen = new HashSet<string>();
        for (var row = 1; lines.MoveNext(); row++)
        {
            if (row > MaxRows) { errors["$"] = [$"K-4 FILE_TOO_LARGE: at most {MaxRows} rows"]; break; }
            var fields = lines.Current;
            var number = fields.Length > 0 ? BeneficiaryNumber.Normalise(fields[0].Trim()) : "";
            if (fields.Length != 2) { errors[$"rows[{row}]"] = ["K-4 ROW_INVALID: two fields, beneficiary_number and amount"]; continue; }
            if (!BeneficiaryNumber.IsValid(number)) errors[$"rows[{row}].beneficiary_number"] = ["E-2 BENEFICIARY_NUMBER_INVALID: not a beneficiary number"];
            else if (!seen.Add(number)) errors[$"rows[{row}].beneficiary_number"] = ["K-4 MEMBER_REPEATED: one row per member"];
            if (!long.TryParse(fields[1].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var amount) || amount <= 0)
                errors[$"rows[{row}].amount"] = ["K-4 AMOUNT_NOT_POSITIVE: a whole positive amount"];
            else if (amount > Domain.Amounts.MaxAmount)
                errors[$"rows[{row}].amount"] = [$"K-4 AMOUNT_TOO_LARGE: at most {Domain.Amounts.MaxAmount} in the currency's minor unit"];
            rows.Add(new(row, number, amount));
        }
        if (rows.Count == 0 && errors.Count == 0) errors["$"] = ["K-4 FILE_EMPTY: no allocation rows"];
        return (rows, errors);
    }
}
