using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Web.Enrolment.Privacy;

/// <summary>
/// Event JSON for the enrolment events. The events that carry a person's <c>personal</c> part store it
/// sealed with that person's key (a base64 string), the rest in clear: sex, birth year and locality
/// stay readable for the reports and the Fund's feed after an erasure.
/// </summary>
public static class SealedJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonSerializerOptions For(PersonKeys keys)
    {
        var options = new JsonSerializerOptions(Options);
        options.Converters.Add(new Sealing<MemberRegistered>(keys, e => e.PersonId, e => e.Personal, (e, p) => e with { Personal = p! }));
        options.Converters.Add(new Sealing<DependantAdded>(keys, e => e.PersonId, e => e.Personal, (e, p) => e with { Personal = p! }));
        return options;
    }

    private sealed class Sealing<T>(PersonKeys keys, Func<T, Guid> person, Func<T, PersonalData?> personal,
        Func<T, PersonalData?, T> withPersonal) : JsonConverter<T>
    {
        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions _)
        {
            var node = JsonSerializer.SerializeToNode(withPersonal(value, null), Options)!.AsObject();
            if (personal(value) is { } data) node["personal"] = keys.Seal(person(value), data);
            node.WriteTo(writer);
        }

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions _)
        {
            var node = JsonNode.Parse(ref reader)!.AsObject();
            var sealedText = node["personal"]?.GetValue<string>();
            node.Remove("personal");
            var e = node.Deserialize<T>(Options)!;
            return withPersonal(e, keys.Open(person(e), sealedText));
        }
    }
}
