using System.Text.Json.Serialization;
using MutualAdmin.Domain.Contributions;
using static MutualAdmin.Domain.Enrolment.Affiliation;

namespace MutualAdmin.Domain.Enrolment;

/// <summary>A beneficiary's state on a date, as the Fund's eligibility API names it.</summary>
[JsonConverter(typeof(WireEnum<BeneficiaryState>))]
public enum BeneficiaryState { Waiting, Covered, Suspended, Lapsed, Terminated, NotAffiliated }

public sealed record BeneficiaryCover(BeneficiaryState State, DateOnly? CoverFrom, DateOnly? CoverTo)
{
    public bool Covered => State == BeneficiaryState.Covered;
}

/// <summary>
/// E-5…E-8 and K-6 as one pure function of the recorded facts: nothing here is stored, so a replay
/// or a question about any past or future date gets the same answer.
/// </summary>
public static class Cover
{
    static readonly BeneficiaryCover NotAffiliated = new(BeneficiaryState.NotAffiliated, null, null);

    /// <summary>
    /// K-6 and E-8 on the date asked, whether or not a job has recorded the suspension yet: the arrears
    /// of the affiliation's account (null when none is open) count beside the suspensions it recorded.
    /// </summary>
    public static BeneficiaryCover On(DateOnly date, HouseholdPerson person, Affiliation affiliation, ContributionAccount? account) =>
        On(date, person, affiliation, ArrearsOf(affiliation, account));

    /// <summary>K-6: the periods the account's unpaid member shares suspend, under the affiliation's own grace (S-2).</summary>
    public static IReadOnlyList<DateRange> ArrearsOf(Affiliation affiliation, ContributionAccount? account) =>
        affiliation is Activated a && account is ContributionAccount.Open open
            ? Arrears.SuspensionPeriods(open, a.Terms.GracePeriodDays)
            : [];

    /// <summary>With the waiting and grace periods the affiliation keeps from its scheme version (S-2).</summary>
    /// <param name="arrears">K-6 suspension periods computed from the contribution accounts
    /// (Arrears.SuspensionPeriods), in addition to those recorded on the affiliation.</param>
    public static BeneficiaryCover On(DateOnly date, HouseholdPerson person, Affiliation affiliation, IEnumerable<DateRange>? arrears = null)
    {
        if (affiliation is not Activated a) return NotAffiliated;
        var gracePeriodDays = a.Terms.GracePeriodDays;
        var from = CoverStart(person, a);
        if (person.DiedOn <= date) return new(BeneficiaryState.Terminated, from, person.DiedOn.Value.AddDays(-1));
        if (person.RemovedOn <= date || date < a.ActivatedOn) return NotAffiliated;
        if (a.Ended is { } end && date >= end.On)
            return new(end.Lapsed ? BeneficiaryState.Lapsed : BeneficiaryState.Terminated, from, end.On.AddDays(-1));

        // E-8: after the last year and its grace, the affiliation has lapsed even before the sweep records it.
        var year = a.Years.LastOrDefault(y => y.Start <= date)!;
        if (date > year.End.AddDays(gracePeriodDays))
            return new(BeneficiaryState.Lapsed, from, year.End.AddDays(gracePeriodDays));
        if (AgedOut(person, year)) return NotAffiliated;

        var to = year.End;
        if (date < from) return new(BeneficiaryState.Waiting, from, to);
        var suspended = a.Suspensions.Concat(arrears ?? []).Any(s => s.Contains(date));
        return new(suspended ? BeneficiaryState.Suspended : BeneficiaryState.Covered, from, to);
    }

    /// <summary>E-7.</summary>
    public static DateOnly CoverStart(HouseholdPerson person, Activated a)
    {
        if (IsNewborn(person, a)) return Max(person.BirthDate, a.ActivatedOn);
        if (a.Terms.WaitingPeriodWaived && person.AddedOn <= a.ActivatedOn) return a.ActivatedOn;
        // Renewals keep the first activation date, so a renewal without interruption has no new wait.
        return Max(person.AddedOn, a.ActivatedOn).AddDays(a.Terms.WaitingPeriodDays);
    }

    /// <summary>E-7: added within 30 days of birth to an affiliation already active.</summary>
    static bool IsNewborn(HouseholdPerson p, Activated a) =>
        p.Relationship == Relationship.Child && !p.BirthDateEstimated && p.Personal?.BirthDate is { } birth
        && p.AddedOn.DayNumber - birth.DayNumber <= 30 && p.AddedOn >= a.ActivatedOn;

    /// <summary>E-3: a child who reached the limit is covered to the end of that coverage year, not after.</summary>
    static bool AgedOut(HouseholdPerson p, CoverageYear year) =>
        p.Relationship == Relationship.Child
        && Ages.InYears(p.BirthDate, year.Start) >= (p.Student ? HouseholdDecider.StudentAgeLimit : HouseholdDecider.ChildAgeLimit);

    static DateOnly Max(DateOnly x, DateOnly y) => x > y ? x : y;
}
