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

    /// <param name="Closed">Reads the event with its sealed parts left closed (null), when the type has any.</param>
    private sealed record Registration(string Alias, int SchemaVersion, JsonTypeInfo Info, JsonTypeInfo? Closed = null);

    public EventTypes Register<T>(string alias, JsonTypeInfo<T> info, int schemaVersion = 1) => Add(typeof(T), alias, info, schemaVersion);

    /// <summary>
    /// A module's events (type and alias) at schema version 1, with their JSON metadata from
    /// <paramref name="info"/>; types already registered are skipped, so a module may be added twice.
    /// <paramref name="closed"/>, when given, reads an event whose data is partly sealed (personal data
    /// under a per-person key) without opening it, for readers that never show it
    /// (<see cref="EventReader.WithSealedPartsClosed"/>).
    /// </summary>
    public EventTypes RegisterAll(IEnumerable<KeyValuePair<Type, string>> events, Func<Type, JsonTypeInfo?> info,
        Func<Type, JsonTypeInfo?>? closed = null)
    {
        foreach (var (type, alias) in events)
            if (!IsRegistered(type))
                Add(type, alias, info(type) ?? throw new InvalidOperationException($"no JSON metadata for event type {type.Name}"), 1,
                    closed?.Invoke(type));
        return this;
    }

    private EventTypes Add(Type type, string alias, JsonTypeInfo info, int schemaVersion, JsonTypeInfo? closed = null)
    {
        Names.Check(alias, "event type alias");
        if (schemaVersion < 1) throw new ArgumentOutOfRangeException(nameof(schemaVersion));
        if (info.Type != type) throw new ArgumentException($"the JSON metadata given for {type.Name} is for {info.Type.Name}", nameof(info));
        if (closed is not null && closed.Type != type) throw new ArgumentException($"the closed JSON metadata given for {type.Name} is for {closed.Type.Name}", nameof(closed));
        var registration = new Registration(alias, schemaVersion, info, closed);
        if (!byAlias.TryAdd(alias, registration) || !byType.TryAdd(type, registration))
            throw new InvalidOperationException($"event type {type.Name} or alias '{alias}' is registered twice");
        return this;
    }

    /// <summary>Turns the JSON of <paramref name="alias"/> at schema version <paramref name="from"/> into version from + 1.</summary>
    public EventTypes Upcast(string alias, int from, Func<JsonObject, JsonObject> upcast)
    {
        upcasters.Add((alias, from), upcast);
        return this;
    }

    public bool IsRegistered(Type type) => byType.ContainsKey(type);

    /// <summary>The stable alias a type is stored under, or null when it is not an event of the domain.</summary>
    public string? AliasOf(Type type) => byType.TryGetValue(type, out var r) ? r.Alias : null;

    public int SchemaVersionOf(Type type) => byType.TryGetValue(type, out var r) ? r.SchemaVersion : 1;

    /// <summary>Every registered event type with its alias: what Marten is told to store them under.</summary>
    public IEnumerable<(Type Type, string Alias)> All => byType.Select(r => (r.Key, r.Value.Alias));

    internal (string Alias, int SchemaVersion, string Json) Serialize(object @event)
    {
        var r = Registered(@event);
        return (r.Alias, r.SchemaVersion, JsonSerializer.Serialize(@event, r.Info));
    }

    /// <summary>As <see cref="Serialize"/>, in UTF-8: the bulk path never needs the text as a string.</summary>
    internal (string Alias, int SchemaVersion, byte[] Json) SerializeToUtf8(object @event)
    {
        var r = Registered(@event);
        return (r.Alias, r.SchemaVersion, JsonSerializer.SerializeToUtf8Bytes(@event, r.Info));
    }

    private Registration Registered(object @event) =>
        byType.TryGetValue(@event.GetType(), out var r) ? r
        : throw new InvalidAppendException($"event type {@event.GetType().Name} has no registered alias");

    /// <summary>From the UTF-8 the database sends: no string per event on a long read.</summary>
    internal object Deserialize(string alias, int schemaVersion, byte[] json, bool openSealed = true)
    {
        if (!byAlias.TryGetValue(alias, out var r) || schemaVersion > r.SchemaVersion)
            return new UnknownEvent(alias, schemaVersion, System.Text.Encoding.UTF8.GetString(json));
        var info = openSealed ? r.Info : r.Closed ?? r.Info;
        if (schemaVersion == r.SchemaVersion)
            return JsonSerializer.Deserialize(json, info)!;

        var node = JsonNode.Parse(json)!.AsObject();
        for (var v = schemaVersion; v < r.SchemaVersion; v++)
        {
            if (!upcasters.TryGetValue((alias, v), out var upcast))
                throw new InvalidOperationException($"no upcaster for '{alias}' from schema version {v}");
            node = upcast(node);
        }
        return node.Deserialize(info)!;
    }
}
