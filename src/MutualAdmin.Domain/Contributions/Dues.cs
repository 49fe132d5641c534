namespace MutualAdmin.Domain.Contributions;

/// <summary>What one beneficiary owes for a coverage year, split by who pays it (K-2).</summary>
public sealed record BeneficiaryDue(Guid PersonId, string SubsidyCategory, long Due, long MemberShare, long SubsidyShare);

public static class Dues
{
    /// <summary>
    /// K-1: coverage months left including the current one, months counted from the coverage
    /// year's start date (year from 2026-03-15, added 2026-07-20: fifth month, 8 left).
    /// </summary>
    public static int RemainingMonths(DateOnly yearStart, DateOnly addedOn)
    {
        var elapsed = 0;
        while (elapsed < 11 && yearStart.AddMonths(elapsed + 1) <= addedOn) elapsed++;
        return 12 - elapsed;
    }

    /// <summary>K-1: round(contribution × remainingMonths / 12), half-up.</summary>
    public static long Prorated(long contribution, DateOnly yearStart, DateOnly addedOn) =>
        Rounding.HalfUp(contribution * RemainingMonths(yearStart, addedOn), 12);

    /// <summary>
    /// K-2: the State's share is the subsidy percent of the due, rounded half-up; the member pays
    /// the rest, so the two always add up to the due.
    /// </summary>
    public static BeneficiaryDue Split(Guid personId, string subsidyCategory, long due, IReadOnlyDictionary<string, int> subsidyPercent)
    {
        if (!subsidyPercent.TryGetValue(subsidyCategory, out var percent))
            throw new DomainError("K-2", "SUBSIDY_CATEGORY_UNKNOWN", "the scheme has no such subsidy category", "subsidyCategory");
        var subsidy = Rounding.PercentHalfUp(due, percent);
        return new(personId, subsidyCategory, due, due - subsidy, subsidy);
    }
}
