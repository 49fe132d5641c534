using System.Security.Cryptography;

namespace MutualAdmin.Web.Enrolment.Privacy;

/// <summary>
/// Random bytes for the per-person keys and the nonces, drawn from the system's generator a few
/// kilobytes at a time: a draw costs a few microseconds whatever its size, and a collective import
/// (E-10) needs two per person. Each byte is handed out once and wiped from the pool as it goes.
/// </summary>
internal static class RandomPool
{
    private const int Size = 4096;
    [ThreadStatic] private static byte[]? pool;
    [ThreadStatic] private static int used;

    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > Size / 4)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }
        if (pool is null || used + destination.Length > Size)
        {
            pool ??= new byte[Size];
            RandomNumberGenerator.Fill(pool);
            used = 0;
        }
        var taken = pool.AsSpan(used, destination.Length);
        taken.CopyTo(destination);
        CryptographicOperations.ZeroMemory(taken);
        used += destination.Length;
    }

    public static byte[] GetBytes(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }
}
