using MutualAdmin.Domain.Enrolment;
using static MutualAdmin.Domain.Contributions.ContributionAccount;

namespace MutualAdmin.Domain.Contributions;

/// <summary>
/// What an account's payments mean for its affiliation, decided after every payment or reversal so
/// the affiliation's recorded state agrees with the money on that day: E-6 activation once the first
/// instalment's member share is paid, K-6 suspension while arrears remain past the grace period, and
/// reinstatement from the day they are all paid.
/// </summary>
public static class Standing
{
    public static IReadOnlyList<IAffiliationCommand> Follow(Affiliation affiliation, Open account, DateOnly on, int gracePeriodDays)
    {
        switch (affiliation)
        {
            case Affiliation.Pending p when account.FirstInstalmentPaidOn() is { } paidOn:
                return [new ActivateAffiliation(p.Terms.AffiliationId, paidOn)];
            case Affiliation.Activated { Ended: null } a:
                var arrears = Arrears.SuspensionPeriods(account, gracePeriodDays).LastOrDefault(p => p.Contains(on));
                if (arrears is not null && !a.IsSuspended)
                    return [new SuspendAffiliation(a.Terms.AffiliationId, Later(arrears.From, a.ActivatedOn), "K-6 arrears")];
                if (arrears is null && a.IsSuspended)
                    return [new ReinstateAffiliation(a.Terms.AffiliationId, Later(on, a.Suspensions[^1].From))];
                return [];
            default:
                return [];
        }
    }

    static DateOnly Later(DateOnly x, DateOnly y) => x > y ? x : y;
}
