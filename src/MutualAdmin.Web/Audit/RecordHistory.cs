using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Audit;

/// <summary>
/// A-2 for auditors and managers of the mutual: a record's history (each event with who, role, when,
/// the command and the reason), its state as of any instant or version (a fold of that prefix of
/// its stream, nothing stored), and what changed between two versions.
/// </summary>
public static class RecordHistory
{
    public sealed record Entry(long Version, long Position, string Type, DateTimeOffset RecordedAt, string? UserId, string? ClientId,
        string? Role, string Command, string? Reason, string CorrelationId, JsonNode? Data);

    public sealed record AsOf(string Kind, Guid Id, long Version, DateTimeOffset RecordedAt, JsonNode? State);

    public sealed record Change(string Path, JsonNode? Before, JsonNode? After);

    public sealed record Changes(long From, long To, IReadOnlyList<Change> Differences);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static async Task<Results<Ok<List<Entry>>, NotFound>> History(string kind, Guid id, Actor actor,
        EventStore.EventStore store, CancellationToken ct)
    {
        var record = Record(kind);
        var events = await store.ReaderFor(actor.Tenant).ReadStream(record.Stream(actor.Tenant, id), ct: ct);
        if (events.Count == 0) return TypedResults.NotFound();
        return TypedResults.Ok(events.Select(e => new Entry(e.Version, e.Position, e.Type, e.RecordedAt, e.Metadata.UserId,
            e.Metadata.ClientId, e.Metadata.Role, e.Metadata.Command, e.Metadata.Reason, e.Metadata.CorrelationId,
            JsonSerializer.SerializeToNode(e.Data, e.Data.GetType(), Json))).ToList());
    }

    public static async Task<Results<Ok<AsOf>, NotFound>> State(string kind, Guid id, DateTimeOffset? asOf, long? version, Actor actor,
        EventStore.EventStore store, CancellationToken ct)
    {
        if (version is < 1) throw RequestValidationException.For("version", "versions start at 1");
        var record = Record(kind);
        var events = await store.ReaderFor(actor.Tenant).ReadStream(record.Stream(actor.Tenant, id), 1, version, asOf, ct: ct);
        if (events.Count == 0) return TypedResults.NotFound();
        return TypedResults.Ok(new AsOf(kind, id, events[^1].Version, events[^1].RecordedAt, Fold(record, events)));
    }

    public static async Task<Results<Ok<Changes>, NotFound>> Diff(string kind, Guid id, long from, long to, Actor actor,
        EventStore.EventStore store, CancellationToken ct)
    {
        if (from < 0 || to < from) throw RequestValidationException.For("to", "from must be 0 or more and to at least from");
        var record = Record(kind);
        var events = await store.ReaderFor(actor.Tenant).ReadStream(record.Stream(actor.Tenant, id), 1, to, ct: ct);
        if (events.Count == 0) return TypedResults.NotFound();
        var before = Flatten(Fold(record, events.Where(e => e.Version <= from).ToList()));
        var after = Flatten(Fold(record, events));
        var paths = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal);
        return TypedResults.Ok(new Changes(from, events[^1].Version, [.. paths
            .Where(p => !JsonNode.DeepEquals(before.GetValueOrDefault(p), after.GetValueOrDefault(p)))
            .Select(p => new Change(p, before.GetValueOrDefault(p)?.DeepClone(), after.GetValueOrDefault(p)?.DeepClone()))]));
    }

    private static AuditedRecord Record(string kind) => AuditedRecords.ByKind.TryGetValue(kind, out var record)
        ? record : throw RequestValidationException.For("kind", $"one of {string.Join(", ", AuditedRecords.ByKind.Keys)}");

    private static JsonNode? Fold(AuditedRecord record, IReadOnlyList<RecordedEvent> events)
    {
        var state = events.Where(e => e.Data is not UnknownEvent).Aggregate(record.Initial, (s, e) => record.Evolve(s, e.Data));
        var node = JsonSerializer.SerializeToNode(state, state.GetType(), Json);
        if (node is JsonObject o) o["status"] = state.GetType().Name;
        return node;
    }

    /// <summary>Every leaf by its path, so two states compare field by field.</summary>
    private static Dictionary<string, JsonNode?> Flatten(JsonNode? node)
    {
        var leaves = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        void Walk(JsonNode? n, string path)
        {
            switch (n)
            {
                case JsonObject o: foreach (var (k, v) in o) Walk(v, path.Length == 0 ? k : $"{path}.{k}"); break;
                case JsonArray a: for (var i = 0; i < a.Count; i++) Walk(a[i], $"{path}[{i}]"); break;
                default: leaves[path] = n; break;
            }
        }
        Walk(node, "");
        return leaves;
    }
}
