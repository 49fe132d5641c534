namespace MutualAdmin.Domain.Contributions;

/// <summary>
/// One instalment of a contribution account. <see cref="DueOn"/> is null for a quarterly instalment
/// of a first year whose start (the activation date) is not known yet.
/// </summary>
public sealed record Instalment(int Number, DateOnly? DueOn, long MemberShare, long SubsidyShare, Guid? ForPersonId = null);

/// <summary>K-3: a due date and share of the year's contribution set by a group agreement.</summary>
public sealed record SeasonalShare(DateOnly DueOn, int Percent);

public sealed record InstalmentDueDate(int Number, DateOnly DueOn);

public static class InstalmentPlan
{
    /// <summary>K-3: the instalments of a coverage year; the first is due on the request/renewal day.</summary>
    public static IReadOnlyList<Instalment> Schedule(string plan, long memberTotal, long subsidyTotal,
        DateOnly firstDueOn, DateOnly? yearStart, IReadOnlyList<SeasonalShare>? seasonal) => plan switch
    {
        PaymentPlan.Annual => [new(1, firstDueOn, memberTotal, subsidyTotal)],
        PaymentPlan.Quarterly => Quarterly(memberTotal, subsidyTotal, firstDueOn, yearStart),
        PaymentPlan.Seasonal => Seasonal(memberTotal, subsidyTotal, seasonal ?? []),
        _ => throw new DomainError("K-3", "PAYMENT_PLAN_UNKNOWN", "annual, quarterly or seasonal", "paymentPlan"),
    };

    /// <summary>K-3: later quarters fall due 3, 6 and 9 months after the start of the coverage year.</summary>
    public static IReadOnlyList<InstalmentDueDate> QuarterlyDueDates(DateOnly yearStart) =>
        [new(2, yearStart.AddMonths(3)), new(3, yearStart.AddMonths(6)), new(4, yearStart.AddMonths(9))];

    static IReadOnlyList<Instalment> Quarterly(long member, long subsidy, DateOnly firstDueOn, DateOnly? yearStart)
    {
        var memberShares = SplitEvenly(member, 4);
        var subsidyShares = SplitEvenly(subsidy, 4);
        var later = yearStart is { } start ? QuarterlyDueDates(start) : null;
        return [.. Enumerable.Range(0, 4).Select(i =>
            new Instalment(i + 1, i == 0 ? firstDueOn : later?[i - 1].DueOn, memberShares[i], subsidyShares[i]))];
    }

    static IReadOnlyList<Instalment> Seasonal(long member, long subsidy, IReadOnlyList<SeasonalShare> shares)
    {
        if (shares.Count == 0 || shares.Sum(s => s.Percent) != 100 || shares.Any(s => s.Percent <= 0))
            throw new DomainError("K-3", "SEASONAL_SHARES_INVALID", "the agreement's shares must be positive and add up to 100", "seasonalShares");
        var percents = shares.Select(s => s.Percent).ToList();
        var memberShares = SplitByPercent(member, percents);
        var subsidyShares = SplitByPercent(subsidy, percents);
        return [.. shares.Select((s, i) => new Instalment(i + 1, s.DueOn, memberShares[i], subsidyShares[i]))];
    }

    /// <summary>Equal parts; the remainder of an uneven division goes into the first (K-3).</summary>
    public static long[] SplitEvenly(long total, int parts) =>
        [.. Enumerable.Range(0, parts).Select(i => total / parts + (i == 0 ? total % parts : 0))];

    static long[] SplitByPercent(long total, IReadOnlyList<int> percents)
    {
        var parts = percents.Select(p => total * p / 100).ToArray();
        parts[0] += total - parts.Sum();
        return parts;
    }
}
