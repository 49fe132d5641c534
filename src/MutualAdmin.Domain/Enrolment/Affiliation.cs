namespace MutualAdmin.Domain.Enrolment;

// E-5: an affiliation links a household to a scheme; it runs in coverage years (E-6, E-8).

public interface IAffiliationEvent;

/// <param name="WaitingPeriodDays">
/// S-2: the waiting and grace periods of the scheme version in force on the request date (the version
/// the contributions are called under), kept with the affiliation so that its cover never changes with
/// a version published later. Events recorded before they were carried read with the demo scheme's
/// 90 and 30 days, the only values in use then.
/// </param>
public sealed record AffiliationRequested(
    Guid AffiliationId, Guid HouseholdId, string SchemeCode, string Channel, Guid? GroupAgreementId,
    string PaymentPlan, bool WaitingPeriodWaived, DateOnly RequestedOn, int WaitingPeriodDays = 90, int GracePeriodDays = 30)
    : IAffiliationEvent;

public sealed record AffiliationApproved(Guid AffiliationId, DateOnly ApprovedOn) : IAffiliationEvent;

public sealed record AffiliationActivated(Guid AffiliationId, DateOnly ActivatedOn, DateOnly CoverageYearEnds) : IAffiliationEvent;

public sealed record AffiliationRenewed(Guid AffiliationId, DateOnly NextYearStarts, DateOnly NextYearEnds, DateOnly RenewedOn) : IAffiliationEvent;

public sealed record AffiliationSuspended(Guid AffiliationId, DateOnly SuspendedFrom, string Reason) : IAffiliationEvent;

public sealed record AffiliationReinstated(Guid AffiliationId, DateOnly ReinstatedFrom) : IAffiliationEvent;

public sealed record AffiliationLapsed(Guid AffiliationId, DateOnly LapsedOn) : IAffiliationEvent;

public sealed record AffiliationTerminated(Guid AffiliationId, string Cause, string? Reason, DateOnly TerminatedOn) : IAffiliationEvent;

public sealed record AffiliationTerms(
    Guid AffiliationId, Guid HouseholdId, string SchemeCode, string Channel, Guid? GroupAgreementId,
    string PaymentPlan, bool WaitingPeriodWaived, DateOnly RequestedOn, int WaitingPeriodDays, int GracePeriodDays);

/// <summary>E-6: twelve months from the start, to the day before the same date a year later.</summary>
public sealed record CoverageYear(DateOnly Start, DateOnly End)
{
    public static CoverageYear Starting(DateOnly start) => new(start, start.AddMonths(12).AddDays(-1));
    public bool Contains(DateOnly date) => date >= Start && date <= End;
}

public enum AffiliationStatus { Pending, Active, Suspended, Lapsed, Terminated }

public abstract record Affiliation
{
    public sealed record NonExisting : Affiliation;

    public sealed record Pending(AffiliationTerms Terms, DateOnly? ApprovedOn) : Affiliation;

    /// <summary>Activated at least once; <see cref="Ended"/> is set once lapsed or terminated.</summary>
    public sealed record Activated(
        AffiliationTerms Terms, DateOnly ActivatedOn, IReadOnlyList<CoverageYear> Years,
        IReadOnlyList<DateRange> Suspensions, AffiliationEnd? Ended = null) : Affiliation
    {
        public bool IsSuspended => Suspensions.Count > 0 && Suspensions[^1].To is null;
        public CoverageYear LastYear => Years[^1];
    }

    /// <summary>A pending affiliation terminated before it was ever active.</summary>
    public sealed record Withdrawn(AffiliationTerms Terms, AffiliationEnd Ended) : Affiliation;

    public AffiliationStatus? Status => this switch
    {
        Pending => AffiliationStatus.Pending,
        Activated { Ended: { } end } => end.Lapsed ? AffiliationStatus.Lapsed : AffiliationStatus.Terminated,
        Activated a => a.IsSuspended ? AffiliationStatus.Suspended : AffiliationStatus.Active,
        Withdrawn => AffiliationStatus.Terminated,
        _ => null,
    };

    public static readonly IReadOnlyDictionary<Type, string> Events = new Dictionary<Type, string>
    {
        [typeof(AffiliationRequested)] = "affiliation-requested",
        [typeof(AffiliationApproved)] = "affiliation-approved",
        [typeof(AffiliationActivated)] = "affiliation-activated",
        [typeof(AffiliationRenewed)] = "affiliation-renewed",
        [typeof(AffiliationSuspended)] = "affiliation-suspended",
        [typeof(AffiliationReinstated)] = "affiliation-reinstated",
        [typeof(AffiliationLapsed)] = "affiliation-lapsed",
        [typeof(AffiliationTerminated)] = "affiliation-terminated",
    };

    public static Affiliation Initial => new NonExisting();

    public static Affiliation Evolve(Affiliation state, IAffiliationEvent @event) => (state, @event) switch
    {
        (NonExisting, AffiliationRequested e) => new Pending(new(e.AffiliationId, e.HouseholdId, e.SchemeCode,
            e.Channel, e.GroupAgreementId, e.PaymentPlan, e.WaitingPeriodWaived, e.RequestedOn, e.WaitingPeriodDays, e.GracePeriodDays), null),
        (Pending p, AffiliationApproved e) => p with { ApprovedOn = e.ApprovedOn },
        (Pending p, AffiliationActivated e) => new Activated(p.Terms, e.ActivatedOn, [new(e.ActivatedOn, e.CoverageYearEnds)], []),
        (Pending p, AffiliationTerminated e) => new Withdrawn(p.Terms, new(false, e.TerminatedOn, e.Cause, e.Reason)),
        (Activated a, AffiliationRenewed e) => a with { Years = [.. a.Years, new(e.NextYearStarts, e.NextYearEnds)] },
        (Activated a, AffiliationSuspended e) => a with { Suspensions = [.. a.Suspensions, new(e.SuspendedFrom, null)] },
        (Activated a, AffiliationReinstated e) => a with
        {
            Suspensions = [.. a.Suspensions.SkipLast(1), a.Suspensions[^1] with { To = e.ReinstatedFrom.AddDays(-1) }],
        },
        (Activated a, AffiliationLapsed e) => a with { Ended = new(true, e.LapsedOn, "lapsed", null) },
        (Activated a, AffiliationTerminated e) => a with { Ended = new(false, e.TerminatedOn, e.Cause, e.Reason) },
        _ => state,
    };
}

/// <summary>How an affiliation ended: lapsed (E-8) or terminated (E-9), from <see cref="On"/> included.</summary>
public sealed record AffiliationEnd(bool Lapsed, DateOnly On, string Cause, string? Reason);
