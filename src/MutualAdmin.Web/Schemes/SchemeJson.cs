using System.Text.Json.Serialization;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.Web.Schemes;

/// <summary>The stored form of the scheme events: camelCase like the fund API, dates as yyyy-MM-dd.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SchemeVersionPublished))]
internal sealed partial class SchemeJson : JsonSerializerContext
{
    /// <summary>Registers the scheme events under their aliases (domain Scheme.Events); harmless when done twice.</summary>
    public static EventTypes Register(EventTypes types)
    {
        if (!types.IsRegistered(typeof(SchemeVersionPublished)))
            types.Register(Scheme.Events[typeof(SchemeVersionPublished)], Default.SchemeVersionPublished);
        return types;
    }
}
