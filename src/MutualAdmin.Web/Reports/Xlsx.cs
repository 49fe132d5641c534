using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MutualAdmin.Web.Reports;

/// <summary>
/// The XLSX form of a report: a "Report" sheet with every value by its path (the same rows as the
/// CSV) and, when the report lists people, a "Beneficiaries" sheet with one row each.
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Of(ReportDocument report)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            AddSheet(workbook, "Report", [["path", "value"], .. report.Flatten().Select(r => new[] { r.Path, r.Value })]);
            if (report.Content["beneficiaries"] is System.Text.Json.Nodes.JsonArray { Count: > 0 } people)
            {
                var columns = people[0]!.AsObject().Select(p => p.Key).ToArray();
                AddSheet(workbook, "Beneficiaries", [columns, .. people.Select(p => columns.Select(c => p![c]?.ToString()).ToArray())]);
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, string name, IEnumerable<string?[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        foreach (var values in rows)
            data.Append(new Row(values.Select(v => v is null ? new Cell() : Number(v) is { } n
                ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(n) }
                : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v)) })));
        part.Worksheet = new Worksheet(data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.Count() + 1, Name = name });
    }

    /// <summary>Integers become numbers; beneficiary numbers and IDs (leading zeros, 12+ digits) stay text.</summary>
    private static string? Number(string v) => v.Length is > 0 and < 10 && v.All(char.IsAsciiDigit) && (v == "0" || v[0] != '0') ? v : null;
}
