using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MutualAdmin.EventStore.Chain;

/// <summary>
/// Writes JSON exactly as PostgreSQL prints a jsonb value: object keys ordered by byte length then
/// bytes, ", " and ": " separators, only quote, backslash and control characters escaped. The hash
/// chain is defined over that text, so the bulk path (which hashes in C#) and the append function
/// (which hashes in SQL over data::text) agree byte for byte.
/// </summary>
public static class CanonicalJson
{
    public static string Normalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder(json.Length + 16);
        Write(document.RootElement, text);
        return text.ToString();
    }

    private static void Write(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // jsonb keeps the last of duplicate keys; System.Text.Json never writes duplicates.
                var properties = new List<(string Name, int ByteCount, int Order, JsonElement Value)>();
                foreach (var p in element.EnumerateObject())
                    properties.Add((p.Name, Encoding.UTF8.GetByteCount(p.Name), properties.Count, p.Value));
                properties.Sort(static (x, y) =>
                    x.ByteCount != y.ByteCount ? x.ByteCount.CompareTo(y.ByteCount)
                    : CompareUtf8(x.Name, y.Name) is var c and not 0 ? c : x.Order.CompareTo(y.Order));
                text.Append('{');
                var written = 0;
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i + 1 < properties.Count && properties[i + 1].Name == properties[i].Name) continue;
                    if (written++ > 0) text.Append(", ");
                    WriteString(properties[i].Name, text);
                    text.Append(": ");
                    Write(properties[i].Value, text);
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) text.Append(", ");
                    first = false;
                    Write(item, text);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, text);
                break;
            case JsonValueKind.Number:
                text.Append(Number(element.GetRawText()));
                break;
            default:
                text.Append(element.GetRawText()); // true, false, null
                break;
        }
    }

    /// <summary>jsonb stores numbers as numeric, which prints exponents out in full.</summary>
    private static string Number(string raw) =>
        raw.Contains('e') || raw.Contains('E')
            ? decimal.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            : raw;

    /// <summary>Byte order of the UTF-8 forms; for text without surrogates that is the order of the UTF-16 code units.</summary>
    private static int CompareUtf8(string x, string y) =>
        x.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') || y.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF')
            ? Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y))
            : string.CompareOrdinal(x, y);

    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\"\\" + new string([.. Enumerable.Range(0, 0x20).Select(i => (char)i)]));

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        if (!value.AsSpan().ContainsAny(Escaped))
        {
            text.Append(value).Append('"');
            return;
        }
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
