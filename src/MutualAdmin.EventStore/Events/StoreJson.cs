using System.Text.Json.Serialization;

namespace MutualAdmin.EventStore.Events;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventMetadata))]
[JsonSerializable(typeof(MetadataHeaders))]
internal sealed partial class StoreJson : JsonSerializerContext;

/// <summary>The part of <see cref="EventMetadata"/> Marten keeps in an event's headers (the rest has columns of its own).</summary>
internal sealed record MetadataHeaders(string Command, string? Role, string? ClientId, string? Reason);
