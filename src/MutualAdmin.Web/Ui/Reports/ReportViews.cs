namespace MutualAdmin.Web.Ui.Reports;

/// <summary>A published report as <c>GET /api/reports</c> lists it.</summary>
public sealed record PublishedReport(string Kind, string Period, long Position, string Hash, DateTimeOffset PublishedAt);

/// <summary>The answer of a publication.</summary>
public sealed record Publication(string Kind, string Period, long Position, string Sha256, DateTimeOffset PublishedAt);

/// <summary>The reports the platform produces so far, and the formats it answers in.</summary>
public static class ReportFormats
{
    public static readonly string[] Kinds = ["affiliation-register", "contributions"];

    public static readonly (string Name, string ContentType, string Extension)[] All =
    [
        ("JSON", "application/json", "json"),
        ("CSV", "text/csv", "csv"),
        ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ];
}
