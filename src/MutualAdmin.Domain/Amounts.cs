namespace MutualAdmin.Domain;

/// <summary>
/// The plausible range of every amount, quantity and count the platform takes in (issue 22), checked
/// at the edge with a 400 naming the field. Amounts are whole numbers in the currency's minor unit
/// (XOF has none, S-3), positive where they are money paid or claimed.
/// </summary>
/// <remarks>
/// One amount (a payment, a unit price, a contribution) is at most 10^8 minor units: 100,000,000 XOF
/// is some 14,000 years of the CSU-BASE contribution, and in a currency with cents still 1,000,000.
/// With quantities at most 1,000 and claims of at most 100 lines, a claim stays below 10^13 and a
/// month's sums stay far inside a 64-bit integer, so no fold needs more than checked long arithmetic.
/// </remarks>
public static class Amounts
{
    /// <summary>One amount of money: a payment, a claimed or tariff unit price, a scheme's contribution.</summary>
    public const long MaxAmount = 100_000_000;

    /// <summary>A total of money: a collector's transfer, what the Fund received for a month, a ceiling or a threshold.</summary>
    public const long MaxTotal = 1_000_000_000_000;

    /// <summary>Units of one tariff on one claim line.</summary>
    public const int MaxQuantity = 1_000;

    /// <summary>Lines on one claim.</summary>
    public const int MaxClaimLines = 100;

    /// <summary>A period in days (waiting, grace, deadline, interval): ten years.</summary>
    public const int MaxDays = 3_660;

    /// <summary>An age limit in whole years (E-1: nobody is older than 120).</summary>
    public const int MaxAgeYears = 120;

    /// <summary>
    /// What a stored event may hold and still be folded: far above any plausible amount, far below
    /// what makes sums of thousands of them overflow. An event beyond it was let in by older code;
    /// folds name it (<see cref="ImpossibleValues"/>) and a manager can disregard it.
    /// </summary>
    public const long MaxStorable = 1_000_000_000_000_000;
}
