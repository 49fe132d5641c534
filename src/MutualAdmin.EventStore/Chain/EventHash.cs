using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MutualAdmin.EventStore.Chain;

/// <summary>
/// The tamper-evidence chain (domain.md A-4), specified in the README so that auditors can check it
/// with their own tools: hash = SHA-256(previous hash of the tenant ‖ UTF-8 of the lines
/// position, tenant, stream, version, type, schema version, data, metadata joined by "\n"), where data
/// and metadata are the jsonb text forms and the first event of a tenant follows 32 zero bytes.
/// The append function (002_append.sql) computes the same thing in SQL.
/// </summary>
public static class EventHash
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Compute(ReadOnlySpan<byte> previous, long position, string tenant, string stream,
        long version, string type, int schemaVersion, string data, string metadata) =>
        Compute(previous, position, tenant, stream, version, type, schemaVersion, Encoding.UTF8.GetBytes(data), Encoding.UTF8.GetBytes(metadata));

    /// <summary>The same hash over data and metadata already in UTF-8 (the bulk path keeps them so).</summary>
    public static byte[] Compute(ReadOnlySpan<byte> previous, long position, string tenant, string stream,
        long version, string type, int schemaVersion, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{position}\n{tenant}\n{stream}\n{version}\n{type}\n{schemaVersion}\n");
        var length = previous.Length + Encoding.UTF8.GetByteCount(head) + data.Length + 1 + metadata.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bytes = rented.AsSpan(0, length);
            previous.CopyTo(bytes);
            var at = previous.Length;
            at += Encoding.UTF8.GetBytes(head, bytes[at..]);
            data.CopyTo(bytes[at..]);
            at += data.Length;
            bytes[at++] = (byte)'\n';
            metadata.CopyTo(bytes[at..]);
            return SHA256.HashData(bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
