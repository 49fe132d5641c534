using System.Buffers;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Marten;
using MutualAdmin.EventStore.Events;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;
using ISerializer = Marten.ISerializer;
using ValueCasting = Marten.ValueCasting;

namespace MutualAdmin.EventStore.Log;

/// <summary>
/// Marten's serializer, except for the domain's events: those are written and read with the JSON
/// metadata they were registered with (<see cref="EventTypes"/>), so the bytes in the log, and with
/// them the hash chain and every report hash, are the ones the domain defines — personal data
/// sealed per person included — whatever Marten's own JSON settings are.
/// </summary>
/// <param name="prepared">
/// JSON a unit of work wrote for an event before Marten asks for it: serialising can have effects the
/// unit's inline projections depend on (sealing mints a new person's key, which the key table then
/// stores), so the unit serialises first and Marten reuses those exact bytes.
/// </param>
internal sealed class LogSerializer(ISerializer inner, EventTypes types, ConditionalWeakTable<object, string>? prepared = null) : ISerializer
{
    private string Json(object @event) =>
        prepared is not null && prepared.TryGetValue(@event, out var json) ? json : types.Serialize(@event).Json;

    public EnumStorage EnumStorage => inner.EnumStorage;
    public Casing Casing => inner.Casing;
    public ValueCasting ValueCasting => inner.ValueCasting;

    public string ToJson(object? document) =>
        document is not null && types.IsRegistered(document.GetType()) ? Json(document) : inner.ToJson(document);

    public string ToCleanJson(object? document) => ToJson(document);

    public void WriteTo(IBufferWriter<byte> writer, object? document)
    {
        if (document is not null && types.IsRegistered(document.GetType())) writer.Write(Encoding.UTF8.GetBytes(Json(document)));
        else inner.WriteTo(writer, document);
    }

    public void WriteToCleanJson(IBufferWriter<byte> writer, object? value) => WriteTo(writer, value);

    public void WriteToParameter(NpgsqlParameter parameter, object? value)
    {
        if (value is not null && types.IsRegistered(value.GetType()))
        {
            parameter.NpgsqlDbType = NpgsqlDbType.Jsonb;
            parameter.Value = Json(value);
        }
        else inner.WriteToParameter(parameter, value);
    }

    public string ToJsonWithTypes(object document) => inner.ToJsonWithTypes(document);
    public void WriteToJsonWithTypes(IBufferWriter<byte> writer, object value) => inner.WriteToJsonWithTypes(writer, value);

    public T FromJson<T>(Stream stream) => (T)FromJson(typeof(T), stream);
    public T FromJson<T>(DbDataReader reader, int index) => (T)FromJson(typeof(T), reader, index);

    public object FromJson(Type type, Stream stream)
    {
        if (types.AliasOf(type) is not { } alias) return inner.FromJson(type, stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return types.Deserialize(alias, 1, buffer.ToArray());
    }

    public object FromJson(Type type, DbDataReader reader, int index) =>
        types.AliasOf(type) is { } alias
            ? types.Deserialize(alias, 1, Encoding.UTF8.GetBytes(reader.GetString(index)))
            : inner.FromJson(type, reader, index);

    public async ValueTask<T> FromJsonAsync<T>(Stream stream, CancellationToken token = default) =>
        (T)await FromJsonAsync(typeof(T), stream, token);

    public async ValueTask<T> FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken token = default) =>
        (T)await FromJsonAsync(typeof(T), reader, index, token);

    public async ValueTask<object> FromJsonAsync(Type type, Stream stream, CancellationToken token = default)
    {
        if (types.AliasOf(type) is not { } alias) return await inner.FromJsonAsync(type, stream, token);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, token);
        return types.Deserialize(alias, 1, buffer.ToArray());
    }

    public async ValueTask<object> FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken token = default) =>
        types.AliasOf(type) is { } alias
            ? types.Deserialize(alias, 1, Encoding.UTF8.GetBytes(await reader.GetFieldValueAsync<string>(index, token)))
            : await inner.FromJsonAsync(type, reader, index, token);
}
