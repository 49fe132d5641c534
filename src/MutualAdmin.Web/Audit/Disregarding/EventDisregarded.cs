using System.Text.Json.Serialization;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;

namespace MutualAdmin.Web.Audit.Disregarding;

/// <summary>
/// The way back from an event no fold can take (issue 22): a manager records, with a reason, that the
/// event at <see cref="Position"/> is disregarded. The log keeps both (the hash chain is never
/// rewritten); the folds of accounts, projections and reports skip the disregarded event. Only an
/// event holding an impossible value (<see cref="Domain.ImpossibleValues"/>) can be disregarded: a
/// plausible mistake is corrected the ordinary way (a reversal, a review).
/// </summary>
public sealed record EventDisregarded(long Position, Guid EventId, string EventType, string StreamKey, string Field, string Value, string Reason);

/// <summary>One stream per mutual holds its disregarded events, so a fold reads them with one indexed look-up.</summary>
public static class DisregardedStream
{
    public const string Key = "disregarded-events", Type = "disregarded-events", Alias = "event-disregarded";

    public static StreamId Of(string tenant) => new(tenant, Key);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EventDisregarded))]
internal sealed partial class DisregardedJson : JsonSerializerContext
{
    public static EventTypes Register(EventTypes types)
    {
        if (!types.IsRegistered(typeof(EventDisregarded))) types.Register(DisregardedStream.Alias, Default.EventDisregarded);
        return types;
    }
}
