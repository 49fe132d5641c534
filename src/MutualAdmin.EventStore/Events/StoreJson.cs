using System.Text.Json.Serialization;

namespace MutualAdmin.EventStore.Events;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventMetadata))]
internal sealed partial class StoreJson : JsonSerializerContext;
