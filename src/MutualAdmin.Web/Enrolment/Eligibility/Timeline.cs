using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using static MutualAdmin.Domain.Enrolment.Affiliation;

namespace MutualAdmin.Web.Enrolment.Eligibility;

/// <summary>A run of days with the same cover; <see cref="To"/> null runs on until a new fact changes it.</summary>
public sealed record CoverPeriod(DateOnly From, DateOnly? To, BeneficiaryCover Cover);

/// <summary>
/// The cover of one beneficiary under one affiliation as periods, computed by asking
/// <see cref="Domain.Enrolment.Cover.On"/> at every date where a recorded fact can change the answer.
/// Dates come only from the facts, never from the clock, so the index is the same on rebuild and
/// needs no job to turn "waiting" into "covered" or "covered" into "lapsed" (those are just periods).
/// </summary>
public static class Timeline
{
    /// <param name="arrears">K-6 suspensions the account's arrears give (<see cref="Cover.ArrearsOf"/>): known
    /// ahead from the due dates, so a suspension is in the index from its first day without any job.</param>
    public static IReadOnlyList<CoverPeriod> Of(HouseholdPerson person, Affiliation affiliation, IReadOnlyList<DateRange>? arrears = null)
    {
        if (affiliation is not Activated a) return [];
        var changes = new SortedSet<DateOnly> { a.ActivatedOn, Cover.CoverStart(person, a) };
        foreach (var year in a.Years)
        {
            changes.Add(year.Start);
            changes.Add(year.End.AddDays(1));
            changes.Add(year.End.AddDays(a.Terms.GracePeriodDays + 1));
        }
        foreach (var s in a.Suspensions.Concat(arrears ?? []))
        {
            changes.Add(s.From);
            if (s.To is { } to) changes.Add(to.AddDays(1));
        }
        if (a.Ended is { } end) changes.Add(end.On);
        if (person.DiedOn is { } died) changes.Add(died);
        if (person.RemovedOn is { } removed) changes.Add(removed);

        var periods = new List<CoverPeriod>();
        var dates = changes.Where(d => d >= a.ActivatedOn).ToList();
        for (var i = 0; i < dates.Count; i++)
        {
            var cover = Cover.On(dates[i], person, a, arrears);
            DateOnly? to = i + 1 < dates.Count ? dates[i + 1].AddDays(-1) : null;
            if (periods.Count > 0 && periods[^1].Cover == cover && periods[^1].To == dates[i].AddDays(-1))
                periods[^1] = periods[^1] with { To = to };
            else periods.Add(new(dates[i], to, cover));
        }
        return [.. periods.Where(p => p.Cover.State != BeneficiaryState.NotAffiliated)];
    }
}
