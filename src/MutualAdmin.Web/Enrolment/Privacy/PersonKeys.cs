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
/// A new person's key is minted when their first event is sealed and held, pinned, until
/// <see cref="PersonalDataIndex"/> takes it to write beside that event: the index never mints, so an
/// event can only be written with the key that sealed it. Keys read or written are kept in a bounded
/// cache that may drop any of them at any time; a miss reads the database.
/// </summary>
public sealed class PersonKeys(int cacheCapacity = PersonKeys.DefaultCacheCapacity)
{
    /// <summary>About 16 MB: the async projections read the events of the last few thousand people registered.</summary>
    public const int DefaultCacheCapacity = 100_000;

    // A key read here is trusted for a few minutes only: an erasure on another node (which deletes the
    // row) reaches this node's cache within that time without any message between nodes.
    private static readonly long TrustFor = Stopwatch.Frequency * 300;
    // A key sealed into an event that was then never saved (its unit failed before the index ran) is
    // dropped after this; were its event still to be saved, the index would fail it rather than mint.
    private static readonly long PinnedFor = Stopwatch.Frequency * 600;

    private readonly ConcurrentDictionary<Guid, (byte[] Key, long MintedAt)> pinned = new();
    private readonly ConcurrentDictionary<Guid, (byte[] Key, long ReadAt)> cache = new();
    // Insertion order of the cache, oldest first: what goes when it is full.
    private readonly ConcurrentQueue<(Guid Person, long ReadAt)> order = new();
    private long nextPinnedSweep = Stopwatch.GetTimestamp() + PinnedFor;
    private NpgsqlDataSource? dataSource;

    /// <summary>Set once the database exists.</summary>
    public PersonKeys Connect(NpgsqlDataSource source)
    {
        dataSource = source;
        return this;
    }

    /// <summary>People sealed and not yet indexed; for tests of the bound.</summary>
    internal int PinnedCount => pinned.Count;

    internal int CachedCount => cache.Count;

    /// <summary>
    /// The key that seals a new person's first event: the one already pinned for them (the same unit
    /// sealed again after a failed attempt), else a fresh one, pinned until the index takes it.
    /// </summary>
    private byte[] Mint(Guid personId)
    {
        SweepPinned();
        return pinned.GetOrAdd(personId, static _ => (RandomPool.GetBytes(32), Stopwatch.GetTimestamp())).Key;
    }

    /// <summary>
    /// For <see cref="PersonalDataIndex"/>, writing a new person's key beside their first event: the key
    /// that event was sealed with. Its absence is a defect of the write path, never a reason to mint.
    /// </summary>
    public byte[] TakeMinted(Guid personId)
    {
        if (!pinned.TryRemove(personId, out var minted))
            throw new InvalidOperationException($"no key was minted for person {personId}: their first event must be sealed before it is indexed");
        Remember(personId, minted.Key);
        return minted.Key;
    }

    public byte[]? Find(Guid personId)
    {
        if (Cached(personId) is { } known) return known;
        if (dataSource is null) return null;
        // A miss is seldom alone: a report, a dashboard or a rebuild opens every person of a mutual in
        // log order, one synchronous query each (a dashboard over 100,000 households took two minutes).
        // People registered together have neighbouring ids, a uuid v7 beginning with its millisecond, so
        // one query reads the keys from the person's millisecond on, and the next misses are hits.
        using var command = dataSource.CreateCommand(
            $"select person_id, key from person_keys where person_id >= $1 order by person_id limit {ReadAhead}");
        command.Parameters.Add(new() { Value = MillisecondOf(personId) });
        byte[]? found = null;
        var read = 0;
        using (var reader = command.ExecuteReader())
            while (reader.Read())
            {
                var (id, key) = (reader.GetGuid(0), reader.GetFieldValue<byte[]>(1));
                if (id == personId) found = key;
                if (id == personId || Cached(id) is null) Remember(id, key);
                read++;
            }
        // More people in that millisecond than one read takes (or an id that is not a v7): ask for this one alone.
        if (found is null && read == ReadAhead)
        {
            using var alone = dataSource.CreateCommand("select key from person_keys where person_id = $1");
            alone.Parameters.Add(new() { Value = personId });
            if (alone.ExecuteScalar() is byte[] key) return Remember(personId, key);
        }
        if (found is null) cache.TryRemove(personId, out _);
        return found;
    }

    /// <summary>Keys read together on a miss.</summary>
    internal const int ReadAhead = 1000;

    private byte[]? Cached(Guid personId) =>
        cache.TryGetValue(personId, out var known) && (dataSource is null || Stopwatch.GetTimestamp() - known.ReadAt < TrustFor) ? known.Key : null;

    /// <summary>The smallest uuid of the millisecond a uuid v7 begins with (its first 48 bits, big-endian as PostgreSQL orders them).</summary>
    internal static Guid MillisecondOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[6..].Clear();
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>After an erasure has committed: this node stops opening the person's data at once.</summary>
    public void Forget(Guid personId)
    {
        cache.TryRemove(personId, out _);
        pinned.TryRemove(personId, out _);
    }

    /// <summary>
    /// Nonce (12 bytes), tag (16), cipher text: the event carries it in base64. A new person's data is
    /// sealed with a key minted for them; a known person's with their stored key, which must exist.
    /// </summary>
    public byte[] Seal(Guid personId, PersonalData personal, bool newPerson)
    {
        var key = newPerson ? Mint(personId)
            : Find(personId) ?? throw new InvalidOperationException($"person {personId} has no key (erased): their data cannot be sealed");
        var plain = JsonSerializer.SerializeToUtf8Bytes(personal, SealedJson.Options);
        var sealedBytes = new byte[12 + 16 + plain.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomPool.Fill(nonce);
        using var aes = new AesGcm(key, 16);
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

    private byte[] Remember(Guid personId, byte[] key)
    {
        var at = Stopwatch.GetTimestamp();
        cache[personId] = (key, at);
        order.Enqueue((personId, at));
        // Every entry has a place in the queue (its latest), so holding the queue to the capacity holds
        // the cache to it; a place an entry left when read again is skipped. (The dictionary's own Count
        // takes every one of its locks, up to 1,024: it doubled the import's CPU.)
        while (order.Count > cacheCapacity && order.TryDequeue(out var oldest))
            if (cache.TryGetValue(oldest.Person, out var entry) && entry.ReadAt == oldest.ReadAt)
                cache.TryRemove(new KeyValuePair<Guid, (byte[], long)>(oldest.Person, entry));
        return key;
    }

    /// <summary>At most once per pinning period, drops keys pinned longer than that.</summary>
    private void SweepPinned()
    {
        var now = Stopwatch.GetTimestamp();
        var due = Interlocked.Read(ref nextPinnedSweep);
        if (now < due || Interlocked.CompareExchange(ref nextPinnedSweep, now + PinnedFor, due) != due) return;
        foreach (var (person, entry) in pinned)
            if (now - entry.MintedAt > PinnedFor)
                pinned.TryRemove(new KeyValuePair<Guid, (byte[], long)>(person, entry));
    }
}
