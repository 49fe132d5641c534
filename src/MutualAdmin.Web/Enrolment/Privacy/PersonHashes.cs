using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Web.Enrolment.Privacy;

/// <summary>
/// Keyed hashes (HMAC-SHA256) that let the platform find equal national IDs or equal identities
/// without storing them readably: a stolen table cannot be reversed by hashing every possible ID
/// without the key. The key is platform configuration (<c>Enrolment:BlindIndexKey</c>, base64).
/// </summary>
public sealed class PersonHashes(byte[] key)
{
    // One HMAC context per thread, reset after each hash: a one-shot HMAC sets up OpenSSL's context
    // anew each time, which cost more than the hash itself when an import hashes every person.
    private readonly ThreadLocal<IncrementalHash> hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));

    public static PersonHashes From(IConfiguration configuration) =>
        new(configuration["Enrolment:BlindIndexKey"] is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            // Development and tests only; deploy/ sets a real key.
            : SHA256.HashData("mutualadmin-development-blind-index"u8));

    public static string NormaliseNationalId(string id) =>
        new([.. id.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    public byte[] NationalId(string id) => Hash("national-id|" + NormaliseNationalId(id));

    /// <summary>
    /// E-4: same name + birth date (the year when only that is known) + locality: the HMAC of
    /// "identity|name|date|region|district|commune", each text simplified. The parts go into the HMAC
    /// one after another, which hashes the same bytes as the joined text without building it (the
    /// collective import fingerprints every person).
    /// </summary>
    public byte[] Fingerprint(string fullName, DateOnly? birthDate, int birthYear, Locality locality)
    {
        var context = hmac.Value!;
        context.AppendData("identity|"u8);
        AppendSimplified(context, fullName);
        Span<char> date = stackalloc char[16];
        var written = birthDate is { } day
            ? day.TryFormat(date, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture) ? n : throw new FormatException()
            : birthYear.TryFormat(date, out n, provider: CultureInfo.InvariantCulture) ? n : throw new FormatException();
        context.AppendData("|"u8);
        AppendUtf8(context, date[..written]);
        foreach (var place in (ReadOnlySpan<string>)[locality.Region, locality.District, locality.Commune])
        {
            context.AppendData("|"u8);
            AppendSimplified(context, place);
        }
        return context.GetHashAndReset();
    }

    /// <summary>Case, accents and spacing differ between two officers typing the same name.</summary>
    public static string Simplify(string text)
    {
        if (!Ascii.IsValid(text)) return WithoutAccents(text);
        Span<char> words = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        return new string(words[..Words(text, lower: true, words)]);
    }

    /// <summary>Accents dropped after decomposing, then lower case, then the words.</summary>
    private static string WithoutAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        Span<char> letters = decomposed.Length <= 256 ? stackalloc char[decomposed.Length] : new char[decomposed.Length];
        var length = 0;
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) letters[length++] = c;
        Span<char> lowered = length <= 256 ? stackalloc char[length] : new char[length];
        letters[..length].ToLowerInvariant(lowered);
        // The words are never longer than the text they come from, so they can be written over it.
        return new string(lowered[..Words(lowered, lower: false, lowered)]);
    }

    /// <summary>Plain ASCII (most names and places) is simplified on the stack; anything else through <see cref="Simplify(string)"/>.</summary>
    private static void AppendSimplified(IncrementalHash context, string text)
    {
        if (!Ascii.IsValid(text) || text.Length > 256) { AppendUtf8(context, Simplify(text)); return; }
        Span<char> words = stackalloc char[text.Length];
        AppendUtf8(context, words[..Words(text, lower: true, words)]);
    }

    private static void AppendUtf8(IncrementalHash context, ReadOnlySpan<char> text)
    {
        Span<byte> bytes = text.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(text.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        context.AppendData(bytes[..Encoding.UTF8.GetBytes(text, bytes)]);
    }

    /// <summary>The words of <paramref name="text"/> (split on spaces) joined by one space, into <paramref name="words"/>: their length.</summary>
    private static int Words(ReadOnlySpan<char> text, bool lower, Span<char> words)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (c != ' ') words[length++] = lower ? char.ToLowerInvariant(c) : c;
            else if (length > 0 && words[length - 1] != ' ') words[length++] = ' ';
        }
        if (length > 0 && words[length - 1] == ' ') length--;
        return length;
    }

    private byte[] Hash(string text)
    {
        var context = hmac.Value!;
        context.AppendData(Encoding.UTF8.GetBytes(text));
        return context.GetHashAndReset();
    }
}
