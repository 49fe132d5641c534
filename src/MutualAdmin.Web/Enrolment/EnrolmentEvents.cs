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
        var options = SealedJson.For(keys);
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        var register = typeof(EnrolmentEvents).GetMethod(nameof(RegisterOne), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var (type, alias) in Household.Events.Concat(Affiliation.Events))
            if (!types.IsRegistered(type))
                register.MakeGenericMethod(type).Invoke(null, [types, alias, options]);
    }

    private static void RegisterOne<T>(EventTypes types, string alias, JsonSerializerOptions options) =>
        types.Register(alias, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
}
