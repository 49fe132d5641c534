using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using MutualAdmin.Domain.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Enrolment.Privacy;

/// <summary>
/// The per-person keys that seal <see cref="PersonalData"/> inside events (AES-256-GCM).
/// Keys live in <c>person_keys</c>, never in the log: deleting a person's key erases their personal
/// data from every event without rewriting one, so the hash chain still verifies and replays fold the
/// rest (an erased person reads back with null personal data).
/// </summary>
public sealed class PersonKeys
{
    // A key read here is trusted for a few minutes only: an erasure on another node (which deletes the
    // row) reaches this node's cache within that time without any message between nodes.
    private static readonly long TrustFor = Stopwatch.Frequency * 300;
    private readonly ConcurrentDictionary<Guid, (byte[] Key, long ReadAt)> cache = new();
    private NpgsqlDataSource? dataSource;

    /// <summary>Set once the database exists; keys minted before that stay in memory until saved.</summary>
    public PersonKeys Connect(NpgsqlDataSource source)
    {
        dataSource = source;
        return this;
    }

    /// <summary>A new person's key; <see cref="PersonalDataIndex"/> writes it with the person's first event.</summary>
    public byte[] Mint(Guid personId) => cache.GetOrAdd(personId, _ => (RandomPool.GetBytes(32), Stopwatch.GetTimestamp())).Key;

    public byte[]? Find(Guid personId)
    {
        if (cache.TryGetValue(personId, out var known) && (dataSource is null || Stopwatch.GetTimestamp() - known.ReadAt < TrustFor))
            return known.Key;
        if (dataSource is null) return null;
        // Serializers are synchronous; a miss happens once per person per node every few minutes.
        using var command = dataSource.CreateCommand("select key from person_keys where person_id = $1");
        command.Parameters.Add(new() { Value = personId });
        if (command.ExecuteScalar() is byte[] found) return (cache[personId] = (found, Stopwatch.GetTimestamp())).Key;
        cache.TryRemove(personId, out _);
        return null;
    }

    /// <summary>After an erasure has committed: this node stops opening the person's data at once.</summary>
    public void Forget(Guid personId) => cache.TryRemove(personId, out _);

    /// <summary>Nonce (12 bytes), tag (16), cipher text: the event carries it in base64.</summary>
    public byte[] Seal(Guid personId, PersonalData personal)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(personal, SealedJson.Options);
        var sealedBytes = new byte[12 + 16 + plain.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomPool.Fill(nonce);
        using var aes = new AesGcm(Mint(personId), 16);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), personId.ToByteArray());
        return sealedBytes;
    }

    /// <summary>From the base64 text an event carries.</summary>
    public PersonalData? Open(Guid personId, string? sealedText) =>
        Open(personId, sealedText is null ? null : Convert.FromBase64String(sealedText));

    /// <summary>Null when the key was erased: the event stays, the person's data is gone.</summary>
    public PersonalData? Open(Guid personId, byte[]? sealedBytes)
    {
        if (sealedBytes is null || Find(personId) is not { } key) return null;
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plain, personId.ToByteArray());
        return JsonSerializer.Deserialize<PersonalData>(plain, SealedJson.Options);
    }
}
