namespace MutualAdmin.Domain;

/// <summary>Integer money arithmetic; money is never a floating-point number.</summary>
public static class Rounding
{
    /// <summary>numerator / denominator rounded half-up (K-1, K-8), for non-negative numerators.</summary>
    public static long HalfUp(long numerator, long denominator)
    {
        if (denominator <= 0) throw new ArgumentOutOfRangeException(nameof(denominator));
        // Symmetric for negatives so that a reversal-heavy month rounds like its mirror image.
        var sign = numerator < 0 ? -1 : 1;
        var magnitude = Math.Abs(numerator);
        return sign * ((magnitude * 2 + denominator) / (denominator * 2));
    }

    /// <summary>share percent of amount, rounded half-up.</summary>
    public static long PercentHalfUp(long amount, int percent) => HalfUp(amount * percent, 100);
}
