using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MutualAdmin.EventStore.Chain;

namespace MutualAdmin.Web.Reports;

/// <summary>
/// A report's content in canonical form (PostgreSQL's jsonb text: keys ordered, no insignificant
/// space) and the SHA-256 of it, lower-case hex. The hash covers the content only, never the moment
/// the report was generated, so the same position gives the same hash in every format requested.
/// </summary>
public sealed record ReportDocument(JsonObject Content, string Canonical, string Sha256)
{
    public long Position => Content["position"]!.GetValue<long>();

    public static ReportDocument Of(JsonObject content)
    {
        var canonical = CanonicalJson.Normalize(content.ToJsonString());
        return new(content, canonical, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
    }

    /// <summary>Every value of the content as (path, text), in document order: the CSV and XLSX rows.</summary>
    public IEnumerable<(string Path, string? Value)> Flatten() => Flatten(JsonNode.Parse(Canonical)!, "");

    private static IEnumerable<(string, string?)> Flatten(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Flatten(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Flatten(item, $"{path}[{i}]")),
        null => [(path, null)],
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [(path, v.GetValue<string>())],
        JsonValue v => [(path, v.ToJsonString())],
        _ => [],
    };

    public static string Csv(ReportDocument report)
    {
        var csv = new StringBuilder("path,value\r\n");
        foreach (var (path, value) in report.Flatten()) csv.Append(Quote(path)).Append(',').Append(Quote(value)).Append("\r\n");
        return csv.ToString();
    }

    private static string Quote(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value.StartsWith(' ') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;

    internal static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
