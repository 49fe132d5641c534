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

    /// <summary>E-4: same name + birth date (the year when only that is known) + locality.</summary>
    public byte[] Fingerprint(string fullName, DateOnly? birthDate, int birthYear, Locality locality) =>
        Hash(string.Join('|', "identity", Simplify(fullName),
            birthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? birthYear.ToString(CultureInfo.InvariantCulture),
            Simplify(locality.Region), Simplify(locality.District), Simplify(locality.Commune)));

    /// <summary>Case, accents and spacing differ between two officers typing the same name.</summary>
    public static string Simplify(string text)
    {
        // Plain ASCII has nothing to decompose and no accents to drop (most names and places: a collective
        // import (E-10) simplifies four texts per person, so this path makes one string and nothing else).
        if (Ascii.IsValid(text)) return Words(text, lower: true);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var letters = decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);
        return Words(new string([.. letters]).ToLowerInvariant(), lower: false);
    }

    /// <summary>The words of <paramref name="text"/> (split on spaces) joined by one space.</summary>
    private static string Words(ReadOnlySpan<char> text, bool lower)
    {
        Span<char> words = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (c != ' ') words[length++] = lower ? char.ToLowerInvariant(c) : c;
            else if (length > 0 && words[length - 1] != ' ') words[length++] = ' ';
        }
        if (length > 0 && words[length - 1] == ' ') length--;
        return new string(words[..length]);
    }

    private byte[] Hash(string text)
    {
        var context = hmac.Value!;
        context.AppendData(Encoding.UTF8.GetBytes(text));
        return context.GetHashAndReset();
    }
}
