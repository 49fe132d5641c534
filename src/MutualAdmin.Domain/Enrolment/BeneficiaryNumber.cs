namespace MutualAdmin.Domain.Enrolment;

/// <summary>
/// E-2: a beneficiary number is the platform-wide sequence number, zero-padded to 11 digits, followed
/// by a Luhn check digit. The platform guarantees the sequence is unique across tenants; the domain
/// formats and validates, so a mistyped digit is caught before any lookup.
/// </summary>
public static class BeneficiaryNumber
{
    public const int SequenceDigits = 11;
    const long MaxSequence = 99_999_999_999;

    public static string From(long sequence)
    {
        if (sequence is < 1 or > MaxSequence) throw new ArgumentOutOfRangeException(nameof(sequence));
        var body = sequence.ToString($"D{SequenceDigits}");
        return body + CheckDigit(body);
    }

    /// <summary>Staff and providers write numbers with spaces or dashes; they carry no meaning.</summary>
    public static string Normalise(string input) => input.Replace(" ", "").Replace("-", "");

    public static bool IsValid(string? number)
    {
        if (number is null) return false;
        var n = Normalise(number);
        return n.Length == SequenceDigits + 1 && n.All(char.IsAsciiDigit) && CheckDigit(n[..^1]) == n[^1];
    }

    /// <summary>The Luhn digit that makes body + digit pass the mod-10 check.</summary>
    public static char CheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }
        return (char)('0' + (10 - sum % 10) % 10);
    }
}
