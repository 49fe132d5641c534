using MutualAdmin.EventStore.Streams;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace MutualAdmin.EventStore.Events;

/// <summary>
/// The registry of event types: each CLR type is stored under a stable alias and a schema version,
/// never under its CLR name, so classes can be renamed and moved freely. Older schema versions are
/// brought forward by upcasters, one step at a time, when read.
/// </summary>
public sealed class EventTypes
{
    private readonly Dictionary<Type, Registration> byType = [];
    private readonly Dictionary<string, Registration> byAlias = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Alias, int From), Func<JsonObject, JsonObject>> upcasters = [];

    private sealed record Registration(string Alias, int SchemaVersion, JsonTypeInfo Info);

    public EventTypes Register<T>(string alias, JsonTypeInfo<T> info, int schemaVersion = 1)
    {
        Names.Check(alias, "event type alias");
        if (schemaVersion < 1) throw new ArgumentOutOfRangeException(nameof(schemaVersion));
        var registration = new Registration(alias, schemaVersion, info);
        if (!byAlias.TryAdd(alias, registration) || !byType.TryAdd(typeof(T), registration))
            throw new InvalidOperationException($"event type {typeof(T).Name} or alias '{alias}' is registered twice");
        return this;
    }

    /// <summary>Turns the JSON of <paramref name="alias"/> at schema version <paramref name="from"/> into version from + 1.</summary>
    public EventTypes Upcast(string alias, int from, Func<JsonObject, JsonObject> upcast)
    {
        upcasters.Add((alias, from), upcast);
        return this;
    }

    public bool IsRegistered(Type type) => byType.ContainsKey(type);

    internal (string Alias, int SchemaVersion, string Json) Serialize(object @event)
    {
        if (!byType.TryGetValue(@event.GetType(), out var r))
            throw new InvalidAppendException($"event type {@event.GetType().Name} has no registered alias");
        return (r.Alias, r.SchemaVersion, JsonSerializer.Serialize(@event, r.Info));
    }

    internal object Deserialize(string alias, int schemaVersion, string json)
    {
        if (!byAlias.TryGetValue(alias, out var r) || schemaVersion > r.SchemaVersion)
            return new UnknownEvent(alias, schemaVersion, json);
        if (schemaVersion == r.SchemaVersion)
            return JsonSerializer.Deserialize(json, r.Info)!;

        var node = JsonNode.Parse(json)!.AsObject();
        for (var v = schemaVersion; v < r.SchemaVersion; v++)
        {
            if (!upcasters.TryGetValue((alias, v), out var upcast))
                throw new InvalidOperationException($"no upcaster for '{alias}' from schema version {v}");
            node = upcast(node);
        }
        return node.Deserialize(r.Info)!;
    }
}
