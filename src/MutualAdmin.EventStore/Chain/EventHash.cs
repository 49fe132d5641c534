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
        long version, string type, int schemaVersion, string data, string metadata)
    {
        var line = string.Join('\n',
            position.ToString(CultureInfo.InvariantCulture), tenant, stream,
            version.ToString(CultureInfo.InvariantCulture), type,
            schemaVersion.ToString(CultureInfo.InvariantCulture), data, metadata);
        var bytes = new byte[previous.Length + Encoding.UTF8.GetByteCount(line)];
        previous.CopyTo(bytes);
        Encoding.UTF8.GetBytes(line, bytes.AsSpan(previous.Length));
        return SHA256.HashData(bytes);
    }
}
