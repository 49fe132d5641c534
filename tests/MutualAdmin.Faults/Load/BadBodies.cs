using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace MutualAdmin.Faults.Load;

/// <summary>A body to send and what was done to it: the property it spoiled, or null when the whole body is bad.</summary>
public sealed record BadBody(string What, string? Field, byte[] Bytes);

/// <summary>
/// FsCheck generators of bodies an endpoint must refuse: a plausible body built from the endpoint's
/// OpenAPI schema with one property spoiled (a wrong type, a huge or fractional number, a string
/// past every text limit, a control character, an impossible date, deep nesting), or a whole body
/// that is not JSON it can read (invalid UTF-8, truncated, over 1 MiB, a property twice, not an object).
/// </summary>
public static class BadBodies
{
    public static Gen<BadBody> For(JsonObject? schema, JsonObject components)
    {
        var body = schema is null ? new JsonObject() : Plausible(schema, components, 0) as JsonObject ?? new JsonObject();
        var fields = Paths(body, "").ToList();
        var whole = Gen.Elements(WholeBodies(body));
        if (fields.Count == 0) return whole;
        var spoiled = Gen.Elements(fields.ToArray()).SelectMany(field => Gen.Elements(Spoilers(field.Value)).Select(spoil =>
        {
            // The spoiled value goes in as raw text: JsonNode itself refuses to hold 200 levels of nesting.
            var copy = JsonNode.Parse(body.ToJsonString())!;
            Set(copy, field.Path, JsonValue.Create(Placeholder));
            var text = copy.ToJsonString().Replace($"\"{Placeholder}\"", spoil.Json(), StringComparison.Ordinal);
            return new BadBody(spoil.What, field.Path, Encoding.UTF8.GetBytes(text));
        }));
        return Gen.Frequency((4, spoiled), (1, whole));
    }

    private const string Placeholder = "spoiled-9f3c1";

    private static BadBody[] WholeBodies(JsonObject body)
    {
        var text = body.ToJsonString();
        var huge = new StringBuilder("{\"pad\":\"").Append('a', 1_100_000).Append("\"}").ToString();
        var first = body.FirstOrDefault();
        var twice = first.Key is null ? "{\"a\":1,\"a\":2}" : "{" + $"\"{first.Key}\":{first.Value?.ToJsonString() ?? "null"}," + text[1..];
        return
        [
            new("invalid UTF-8", null, [.. Encoding.UTF8.GetBytes(text[..^1] + ",\"x\":\""), 0xC3, 0x28, 0xFF, .. "\"}"u8.ToArray()]),
            new("truncated JSON", null, Encoding.UTF8.GetBytes(text[..Math.Max(1, text.Length / 2)])),
            new("over 1 MiB", null, Encoding.UTF8.GetBytes(huge)),
            new("property twice", null, Encoding.UTF8.GetBytes(twice)),
            new("an array", null, Encoding.UTF8.GetBytes($"[{text}]")),
            new("empty", null, []),
            new("deep nesting", null, Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
        ];
    }

    private static (string What, Func<string> Json)[] Spoilers(JsonNode? current)
    {
        (string, Func<string>)[] common =
        [
            ("an object", () => "{\"x\":1}"), ("deep nesting", () => new string('[', 200) + new string(']', 200)), ("a boolean", () => "true"),
        ];
        return current switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
            [
                .. common, ("a huge number", () => "99999999999999999999999999"), ("1e308", () => "1e308"),
                ("a fraction", () => "1.5"), ("a number as text", () => "\"12\""), ("-2147483649", () => "-2147483649"),
            ],
            JsonValue v when v.GetValueKind() == JsonValueKind.String && DateOnly.TryParse(v.GetValue<string>(), out _) =>
            [
                .. common, ("a 13th month", () => "\"2026-13-01\""), ("year 0", () => "\"0000-01-01\""),
                ("not a date", () => "\"yesterday\""), ("a number", () => "20260101"),
            ],
            JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            [
                .. common, ("100,000 characters", () => $"\"{new string('x', 100_000)}\""),
                ("a control character", () => "\"a\\u0001b\""), ("a number", () => "42"), ("an array", () => "[1,2]"),
            ],
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False =>
                [.. common, ("a string", () => "\"yes\""), ("a number", () => "2")],
            JsonArray => [.. common, ("a string", () => "\"x\""), ("10,000 items", () => $"[{string.Join(',', Enumerable.Range(0, 10_000))}]")],
            _ => [.. common, ("a string", () => "\"x\""), ("a number", () => "7")],
        };
    }

    /// <summary>Leaf paths of a body (a.b, lines[0].quantity), each with its value.</summary>
    private static IEnumerable<(string Path, JsonNode? Value)> Paths(JsonNode? node, string prefix)
    {
        if (node is JsonObject o && o.Count > 0)
        {
            if (prefix != "") yield return (prefix, node);
            foreach (var (key, value) in o)
                foreach (var p in Paths(value, prefix == "" ? key : $"{prefix}.{key}")) yield return p;
        }
        else if (node is JsonArray a && a.Count > 0)
        {
            yield return (prefix, node);
            foreach (var p in Paths(a[0], $"{prefix}[0]")) yield return p;
        }
        else yield return (prefix, node);
    }

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Replace("[0]", ".[0]").Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++) node = parts[i] == "[0]" ? node![0]! : node![parts[i]]!;
        if (parts[^1] == "[0]") node!.AsArray()[0] = value;
        else node!.AsObject()[parts[^1]] = value;
    }

    /// <summary>A body of the schema's shape with ordinary values: strings "Awa", numbers 1, dates today, first enum values.</summary>
    private static JsonNode? Plausible(JsonObject schema, JsonObject components, int depth)
    {
        if (depth > 6) return null;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return components[reference.Split('/')[^1]] is JsonObject target ? Plausible(target, components, depth + 1) : null;
        foreach (var combined in new[] { "allOf", "oneOf", "anyOf" })
            if (schema[combined] is JsonArray options && options.OfType<JsonObject>().FirstOrDefault(o => o["type"]?.ToString() != "null") is { } option)
                return Plausible(option, components, depth + 1);
        if (schema["enum"] is JsonArray values && values.Count > 0) return values[0]?.DeepClone();
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => t?.ToString()).FirstOrDefault(t => t != "null"),
            JsonNode t => t.ToString(),
            null => schema["properties"] is not null ? "object" : null,
        };
        return type switch
        {
            "object" => new JsonObject((schema["properties"] as JsonObject ?? [])
                .Select(p => KeyValuePair.Create(p.Key, p.Value is JsonObject s ? Plausible(s, components, depth + 1) : null))),
            "array" => new JsonArray(schema["items"] is JsonObject items ? Plausible(items, components, depth + 1) : null),
            "integer" or "number" => JsonValue.Create(1),
            "boolean" => JsonValue.Create(false),
            "string" when schema["format"]?.ToString() == "date" => JsonValue.Create(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd")),
            "string" when schema["format"]?.ToString() == "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
            "string" => JsonValue.Create("Awa"),
            _ => null,
        };
    }
}
