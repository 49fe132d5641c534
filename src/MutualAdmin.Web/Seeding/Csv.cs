using System.Text;

namespace MutualAdmin.Web.Seeding;

/// <summary>
/// Just enough RFC 4180 for the seed and import files: comma-separated, a field quoted when it holds
/// a comma, quote or line break, quotes doubled inside. Records are single lines (no embedded line
/// breaks are written, and none are expected in uploaded household files).
/// </summary>
static class Csv
{
    public static IEnumerable<string[]> Read(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) yield return Split(line);
    }

    // Reused per thread: a collective import splits every line of a 100,000-household file here.
    [ThreadStatic] private static StringBuilder? builder;
    [ThreadStatic] private static List<string>? found;

    public static string[] Split(string line)
    {
        var fields = found ??= new(32);
        var field = builder ??= new(256);
        fields.Clear();
        field.Clear();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        string[] split = [.. fields];
        fields.Clear();
        if (field.Capacity > 1 << 16) builder = null; // one very long line is not held on to
        return split;
    }

    public static void WriteLine(TextWriter writer, IEnumerable<string?> fields) =>
        writer.Write(string.Join(',', fields.Select(Escape)) + "\n");

    static string Escape(string? value) =>
        value is null ? "" :
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";
}
