using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
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

    /// <param name="keys">The keys that seal and open; null for options that only read, leaving the sealed part closed.</param>
    public static JsonSerializerOptions For(PersonKeys? keys)
    {
        var options = new JsonSerializerOptions(Options);
        // A person's first event mints their key; a correction seals with the key they have.
        options.Converters.Add(new Sealing<MemberRegistered>(keys, true, e => e.PersonId, e => e.Personal, (e, p) => e with { Personal = p! }));
        options.Converters.Add(new Sealing<DependantAdded>(keys, true, e => e.PersonId, e => e.Personal, (e, p) => e with { Personal = p! }));
        options.Converters.Add(new Sealing<PersonDetailsCorrected>(keys, false, e => e.PersonId, e => e.Personal, (e, p) => e with { Personal = p! }));
        return options;
    }

    private static readonly byte[] Personal = ",\"personal\":\""u8.ToArray();

    private sealed class Sealing<T>(PersonKeys? keys, bool firstEvent, Func<T, Guid> person, Func<T, PersonalData?> personal,
        Func<T, PersonalData?, T> withPersonal) : JsonConverter<T>
    {
        // The clear part is written into a buffer kept per thread, and the event put together in another:
        // the collective import (E-10) writes events by the hundred thousand, on every core.
        [ThreadStatic] private static ArrayBufferWriter<byte>? clearBuffer;
        [ThreadStatic] private static Utf8JsonWriter? clearWriter;
        [ThreadStatic] private static byte[]? joined;

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var buffer = clearBuffer ??= new ArrayBufferWriter<byte>(1024);
            buffer.ResetWrittenCount();
            var clearJson = clearWriter ??= new Utf8JsonWriter(buffer);
            clearJson.Reset(buffer);
            JsonSerializer.Serialize(clearJson, withPersonal(value, null), Options);
            clearJson.Flush();
            var clear = buffer.WrittenSpan;
            if (personal(value) is not { } data)
            {
                writer.WriteRawValue(clear, skipInputValidation: true);
                return;
            }
            // The clear part (never empty: it names the person), then "personal" as its last property
            // (base64 needs no escaping): no JSON tree is built per event.
            var sealedBytes = (keys ?? throw new NotSupportedException("these options only read, with the personal data closed"))
                .Seal(person(value), data, newPerson: firstEvent);
            var personalAt = clear.Length - 1;
            var sealedAt = personalAt + Personal.Length;
            var length = sealedAt + Base64.GetMaxEncodedToUtf8Length(sealedBytes.Length) + 2;
            var json = joined is { } kept && kept.Length >= length ? kept : new byte[Math.Max(length, 1024)];
            clear[..personalAt].CopyTo(json);
            Personal.CopyTo(json.AsSpan(personalAt));
            Base64.EncodeToUtf8(sealedBytes, json.AsSpan(sealedAt), out _, out var encoded);
            "\"}"u8.CopyTo(json.AsSpan(sealedAt + encoded));
            writer.WriteRawValue(json.AsSpan(0, sealedAt + encoded + 2), skipInputValidation: true);
            joined = json.Length <= 1 << 16 ? json : null;
        }

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions _)
        {
            // Left closed: "personal" is passed over, not even decoded from base64.
            if (keys is null) return JsonSerializer.Deserialize<T>(ref reader, ReadingClosed)!;
            // Read straight from the reader (every async projection reads every enrolment event), with
            // "personal" set aside as the sealed bytes it holds (decoded from base64 as read), then opened with the person's key.
            SealedText.Found = null;
            var e = JsonSerializer.Deserialize<T>(ref reader, Reading)!;
            var sealedBytes = SealedText.Found;
            SealedText.Found = null;
            return withPersonal(e, keys.Open(person(e), sealedBytes));
        }
    }

    private static readonly JsonSerializerOptions Reading = new(Options) { Converters = { new SealedText(keep: true) } };
    private static readonly JsonSerializerOptions ReadingClosed = new(Options) { Converters = { new SealedText(keep: false) } };

    /// <summary>
    /// "personal" on reading, always null: with <paramref name="keep"/> the sealed bytes are kept for the
    /// event's converter, which knows whose key opens them; without, they are passed over.
    /// </summary>
    private sealed class SealedText(bool keep) : JsonConverter<PersonalData>
    {
        // A deserialisation runs on one thread from start to end, and one event carries one person's data.
        [ThreadStatic] public static byte[]? Found;

        public override PersonalData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (keep) Found = reader.GetBytesFromBase64();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, PersonalData value, JsonSerializerOptions options) =>
            throw new NotSupportedException("personal data is written sealed, by the event's converter");
    }
}
