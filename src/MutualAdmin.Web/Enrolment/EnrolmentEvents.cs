using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Enrolment.Privacy;

namespace MutualAdmin.Web.Enrolment;

/// <summary>Registers the household and affiliation events under their stable aliases, personal data sealed.</summary>
public static class EnrolmentEvents
{
    public static void Register(EventTypes types, PersonKeys keys)
    {
        var open = Ready(SealedJson.For(keys));
        var closed = Ready(SealedJson.For(null));
        types.RegisterAll(Household.Events.Concat(Affiliation.Events), open.GetTypeInfo, closed.GetTypeInfo);
    }

    private static JsonSerializerOptions Ready(JsonSerializerOptions options)
    {
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}
