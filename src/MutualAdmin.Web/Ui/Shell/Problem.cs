using System.Text.Json;

namespace MutualAdmin.Web.Ui.Shell;

/// <summary>The API's problem details as a page shows them: a title, and each invalid field's reasons.</summary>
public sealed record Problem(int Status, string Title, string? Detail, string? Rule, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>The refusal's code beside its rule (e.g. "AFFILIATION_PENDING"), which the page puts in words.</summary>
    public string? Code { get; init; }

    /// <summary>
    /// The same problem with reasons the form found itself (a field left empty) added to the server's,
    /// so an officer sees every missing field at once rather than one per submit.
    /// For an empty field the form's own reason wins.
    /// </summary>
    public static Problem? With(Problem? server, IReadOnlyDictionary<string, string> local)
    {
        if (local.Count == 0) return server;
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, reasons) in server?.Errors ?? new Dictionary<string, string[]>()) errors[field] = reasons;
        // An empty field is simply required, whatever the server said about it ("a birth date or a birth
        // year is required" names a birth-year field this form does not have).
        foreach (var (field, reason) in local) errors[field] = [reason];
        return server is null || server.Status == 400
            ? new Problem(400, server?.Title ?? "Some fields are invalid.", server?.Detail, server?.Rule, errors) { Code = server?.Code }
            : server with { Errors = errors };
    }

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
            return new(status, Text(root, "title") ?? $"HTTP {status}", Text(root, "detail"), Text(root, "rule"), errors) { Code = Text(root, "code") };
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
