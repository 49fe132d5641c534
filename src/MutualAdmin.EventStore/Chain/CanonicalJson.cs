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
/// It works on UTF-8 from end to end, with no tree and no string per value: the collective import
/// (E-10) puts every one of its events through it.
/// </summary>
public static class CanonicalJson
{
    public static string Normalize(string json) => Encoding.UTF8.GetString(Normalize(Encoding.UTF8.GetBytes(json)));

    // The output buffer and the objects' member lists are kept per thread and reused: the collective
    // import puts events through here on every core, and they were a quarter of all it allocated.
    [ThreadStatic] private static ArrayBufferWriter<byte>? buffer;
    [ThreadStatic] private static Stack<List<Member>>? lists;

    public static byte[] Normalize(ReadOnlySpan<byte> json)
    {
        var output = buffer ?? new ArrayBufferWriter<byte>(4096);
        buffer = null; // a Normalize interrupted half-way never hands a half-written buffer on
        output.ResetWrittenCount();
        var reader = new Utf8JsonReader(json);
        if (!reader.Read()) throw new JsonException("no JSON value");
        WriteValue(json, ref reader, output);
        if (reader.Read()) throw new JsonException("more than one JSON value");
        var normalized = output.WrittenSpan.ToArray();
        if (output.Capacity <= 1 << 20) buffer = output;
        return normalized;
    }

    /// <summary>A property: where its name and value lie in the input, and its unescaped name when escaping changed it.</summary>
    private readonly record struct Member(int NameStart, int NameLength, byte[]? Unescaped, int ValueStart, int ValueEnd, int Order)
    {
        public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> json) => Unescaped ?? json.Slice(NameStart, NameLength);
    }

    /// <summary>Writes the value the reader stands on and leaves the reader on its last token.</summary>
    private static void WriteValue(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, ArrayBufferWriter<byte> output)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(json, ref reader, output);
                break;
            case JsonTokenType.StartArray:
                output.Write("["u8);
                var first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first) output.Write(", "u8);
                    first = false;
                    WriteValue(json, ref reader, output);
                }
                output.Write("]"u8);
                break;
            case JsonTokenType.String:
                WriteString(reader.ValueIsEscaped ? Unescape(ref reader) : reader.ValueSpan, output);
                break;
            case JsonTokenType.Number:
                var number = reader.ValueSpan;
                // numeric has no negative zero: "-0.0" prints as "0.0".
                if (number[0] == '-' && number[1..].IndexOfAnyExcept("0."u8) < 0) number = number[1..];
                output.Write(number.IndexOfAny("eE"u8) < 0 ? number : Number(number));
                break;
            default:
                output.Write(reader.ValueSpan); // true, false, null
                break;
        }
    }

    private static void WriteObject(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, ArrayBufferWriter<byte> output)
    {
        var members = (lists ??= new()).TryPop(out var list) ? list : [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var nameStart = (int)reader.TokenStartIndex + 1;
            var nameLength = reader.ValueSpan.Length;
            var unescaped = reader.ValueIsEscaped ? Unescape(ref reader).ToArray() : null;
            reader.Read();
            var valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            members.Add(new(nameStart, nameLength, unescaped, valueStart, (int)reader.BytesConsumed, members.Count));
        }
        // jsonb keeps the last of duplicate keys; System.Text.Json never writes duplicates. An
        // insertion sort: objects have a few dozen keys at most, and a comparison reads the input.
        for (var i = 1; i < members.Count; i++)
        {
            var member = members[i];
            var j = i - 1;
            for (; j >= 0 && Compare(json, members[j], member) > 0; j--) members[j + 1] = members[j];
            members[j + 1] = member;
        }
        output.Write("{"u8);
        var written = 0;
        for (var i = 0; i < members.Count; i++)
        {
            if (i + 1 < members.Count && members[i + 1].Name(json).SequenceEqual(members[i].Name(json))) continue;
            if (written++ > 0) output.Write(", "u8);
            WriteString(members[i].Name(json), output);
            output.Write(": "u8);
            var value = json[members[i].ValueStart..members[i].ValueEnd];
            var inner = new Utf8JsonReader(value);
            inner.Read();
            WriteValue(value, ref inner, output);
        }
        output.Write("}"u8);
        members.Clear();
        if (members.Capacity <= 256) lists.Push(members);
    }

    private static int Compare(ReadOnlySpan<byte> json, Member x, Member y)
    {
        var a = x.Name(json);
        var b = y.Name(json);
        return a.Length != b.Length ? a.Length.CompareTo(b.Length)
            : a.SequenceCompareTo(b) is var c and not 0 ? c : x.Order.CompareTo(y.Order);
    }

    private static ReadOnlySpan<byte> Unescape(ref Utf8JsonReader reader)
    {
        var text = new byte[reader.ValueSpan.Length];
        return text.AsSpan(0, reader.CopyString(text));
    }

    /// <summary>jsonb stores numbers as numeric, which prints exponents out in full.</summary>
    private static byte[] Number(ReadOnlySpan<byte> raw) =>
        Encoding.UTF8.GetBytes(decimal.Parse(Encoding.UTF8.GetString(raw), NumberStyles.Float, CultureInfo.InvariantCulture)
            .ToString(CultureInfo.InvariantCulture));

    private static readonly SearchValues<byte> Escaped = SearchValues.Create(
        [(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(i => (byte)i)]);

    /// <summary>Text already unescaped, escaped again the way jsonb prints it (anything from 0x80 up is written as it is).</summary>
    private static void WriteString(ReadOnlySpan<byte> text, ArrayBufferWriter<byte> output)
    {
        output.Write("\""u8);
        while (text.IndexOfAny(Escaped) is var next and >= 0)
        {
            output.Write(text[..next]);
            output.Write(text[next] switch
            {
                (byte)'"' => "\\\""u8,
                (byte)'\\' => "\\\\"u8,
                (byte)'\b' => "\\b"u8,
                (byte)'\f' => "\\f"u8,
                (byte)'\n' => "\\n"u8,
                (byte)'\r' => "\\r"u8,
                (byte)'\t' => "\\t"u8,
                var c => Encoding.ASCII.GetBytes($"\\u{c:x4}"),
            });
            text = text[(next + 1)..];
        }
        output.Write(text);
        output.Write("\""u8);
    }
}
