using System.Text.Json;

namespace MutualAdmin.Web.Ui.Shell;

/// <summary>The API's problem details as a page shows them: a title, and each invalid field's reasons.</summary>
public sealed record Problem(int Status, string Title, string? Detail, string? Rule, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The reasons given for one field (the API's path, e.g. "member.fullName" or "dependants[0].sex").</summary>
    public string? For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { } reasons
            ? string.Join(" ", reasons)
            : null;

    public static Problem Read(int status, string body)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray())
                : [];
            return new(status, Text(root, "title") ?? $"HTTP {status}", Text(root, "detail"), Text(root, "rule"), errors);
        }
        catch (JsonException)
        {
            return new(status, $"HTTP {status}", null, null, new Dictionary<string, string[]>());
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>What an API call gave: the value, or the problem to show.</summary>
public sealed record ApiResult<T>(T? Value, Problem? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>A downloaded document and the headers that describe it (a report's hash and position).</summary>
public sealed record ApiFile(byte[] Content, string ContentType, IReadOnlyDictionary<string, string> Headers);
