using static MutualAdmin.Domain.Contributions.ContributionAccount;

namespace MutualAdmin.Domain.Contributions;

public sealed record ArrearsLine(int InstalmentNumber, DateOnly DueOn, long Amount, int DaysOverdue);

/// <summary>
/// K-6: an instalment's member share still unpaid at the end of the grace period suspends the
/// affiliation from the next day; paying all arrears reinstates it from the payment date; a
/// reversal suspends from its own date. Computed from the dated facts, so it holds for any date.
/// </summary>
public static class Arrears
{
    public static bool IsSuspendedOn(Open account, DateOnly date, int gracePeriodDays) =>
        account.Instalments.Any(i => i.DueOn is { } due && i.MemberShare > 0
            && date > due.AddDays(gracePeriodDays) && account.PaidAsOf(i.Number, date) < i.MemberShare);

    /// <summary>The suspended periods; the last one is open-ended while arrears remain.</summary>
    public static IReadOnlyList<DateRange> SuspensionPeriods(Open account, int gracePeriodDays)
    {
        // The answer can only change on these days; between them it holds.
        var turningPoints = account.Instalments.Where(i => i.DueOn is not null).Select(i => i.DueOn!.Value.AddDays(gracePeriodDays + 1))
            .Concat(account.Payments.Select(p => p.PaidOn))
            .Concat(account.Payments.Where(p => p.ReversedOn is not null).Select(p => p.ReversedOn!.Value))
            .Distinct().Order();
        var periods = new List<DateRange>();
        DateOnly? since = null;
        foreach (var day in turningPoints)
        {
            var suspended = IsSuspendedOn(account, day, gracePeriodDays);
            if (suspended && since is null) since = day;
            if (!suspended && since is { } from) { periods.Add(new(from, day.AddDays(-1))); since = null; }
        }
        if (since is { } open) periods.Add(new(open, null));
        return periods;
    }

    /// <summary>Member shares past due on a date, for the ageing of R-2.</summary>
    public static IReadOnlyList<ArrearsLine> On(Open account, DateOnly date) =>
        [.. account.Instalments.Where(i => i.DueOn < date)
            .Select(i => new ArrearsLine(i.Number, i.DueOn!.Value, i.MemberShare - account.PaidAsOf(i.Number, date), date.DayNumber - i.DueOn!.Value.DayNumber))
            .Where(l => l.Amount > 0)];
}
