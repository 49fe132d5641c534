using System.Security.Cryptography;
using System.Text;

namespace MutualAdmin.Domain;

/// <summary>
/// A Guid derived from business keys, so that the same input (e.g. collector + external member
/// reference, E-10) always names the same stream and re-imports are idempotent.
/// </summary>
public static class StableId
{
    public static Guid From(string kind, params string[] keys)
    {
        var text = string.Join('\u001f', [kind, .. keys]);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // RFC 9562 version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
