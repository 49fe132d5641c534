using MutualAdmin.Domain.Contributions;
using static MutualAdmin.Domain.Enrolment.Affiliation;

namespace MutualAdmin.Domain.Enrolment;

public static class AffiliationDecider
{
    /// <summary>E-8: renewal opens this many days before the end of the coverage year.</summary>
    public const int RenewalWindowDays = 30;

    public static IReadOnlyList<IAffiliationEvent> Decide(IAffiliationCommand command, Affiliation state) => (command, state) switch
    {
        (RequestAffiliation c, NonExisting) => [Request(c)],
        (RequestAffiliation, _) => [],
        (_, NonExisting) => throw new DomainError("E-5", "AFFILIATION_UNKNOWN", "no such affiliation"),

        (ApproveAffiliation c, Pending { ApprovedOn: null }) => c.AllBeneficiariesIndigent
            // E-6: nobody has a member share to pay, so approval is what activates.
            ? [new AffiliationApproved(c.AffiliationId, c.ApprovedOn), Activation(c.AffiliationId, c.ApprovedOn)]
            : [new AffiliationApproved(c.AffiliationId, c.ApprovedOn)],
        (ApproveAffiliation, _) => [],

        (ActivateAffiliation c, Pending) => [Activation(c.AffiliationId, c.FirstInstalmentPaidOn)],
        (ActivateAffiliation, _) => [],

        (RenewAffiliation c, Activated { Ended: null } a) => Renew(c, a),

        (SuspendAffiliation c, Activated { Ended: null, IsSuspended: false }) =>
            [new AffiliationSuspended(c.AffiliationId, c.SuspendedFrom, c.Reason)],
        (SuspendAffiliation, Activated { Ended: null }) => [],

        (ReinstateAffiliation c, Activated { Ended: null, IsSuspended: true } a) when c.ReinstatedFrom >= a.Suspensions[^1].From =>
            [new AffiliationReinstated(c.AffiliationId, c.ReinstatedFrom)],
        (ReinstateAffiliation, Activated { Ended: null, IsSuspended: false }) => [],
        (ReinstateAffiliation, Activated { Ended: null }) =>
            throw new DomainError("K-6", "REINSTATED_BEFORE_SUSPENSION", "reinstatement cannot precede the suspension", "reinstatedFrom"),

        (RecordLapse c, Activated { Ended: null } a) => Lapse(c, a),
        (RecordLapse, Activated { Ended.Lapsed: true }) => [],

        (TerminateAffiliation c, Pending or Activated { Ended: null }) => [Terminate(c)],
        (TerminateAffiliation, Activated or Withdrawn) => [],

        (_, Pending) => throw new DomainError("E-5", "AFFILIATION_PENDING", "the affiliation is not active yet"),
        _ => throw new DomainError("E-5", "AFFILIATION_ENDED", "the affiliation has lapsed or been terminated"),
    };

    static AffiliationRequested Request(RequestAffiliation c)
    {
        if (!Channel.All.Contains(c.Channel))
            throw new DomainError("E-5", "CHANNEL_UNKNOWN", "individual or group", "channel");
        if (c.Channel == Channel.Group && c.GroupAgreementId is null)
            throw new DomainError("E-5", "GROUP_AGREEMENT_REQUIRED", "a group affiliation names its agreement", "groupAgreementId");
        if (!PaymentPlan.All.Contains(c.PaymentPlan))
            throw new DomainError("K-3", "PAYMENT_PLAN_UNKNOWN", "annual, quarterly or seasonal", "paymentPlan");
        if (c.PaymentPlan == PaymentPlan.Seasonal && c.GroupAgreementId is null)
            throw new DomainError("K-3", "SEASONAL_NEEDS_AGREEMENT", "seasonal dates come from a group agreement", "paymentPlan");
        return new(c.AffiliationId, c.HouseholdId, c.SchemeCode, c.Channel, c.GroupAgreementId, c.PaymentPlan,
            c.ContinuesAfterMemberDeath, c.RequestedOn, c.WaitingPeriodDays, c.GracePeriodDays);
    }

    static AffiliationActivated Activation(Guid id, DateOnly on) => new(id, on, CoverageYear.Starting(on).End);

    static IReadOnlyList<IAffiliationEvent> Renew(RenewAffiliation c, Activated a)
    {
        var last = a.LastYear;
        if (c.RenewedOn < last.End.AddDays(-RenewalWindowDays))
        {
            // A repeated renewal lands before the window of the year it created: already done.
            var renewedAlready = a.Years.Count > 1 && c.RenewedOn >= a.Years[^2].End.AddDays(-RenewalWindowDays);
            return renewedAlready ? [] : throw new DomainError("E-8", "RENEWAL_NOT_OPEN",
                $"renewal opens on {last.End.AddDays(-RenewalWindowDays):yyyy-MM-dd}", "renewedOn");
        }
        if (c.RenewedOn > last.End.AddDays(a.Terms.GracePeriodDays))
            throw new DomainError("E-8", "AFFILIATION_LAPSED", "not renewed within the grace period; a new affiliation is needed");
        // Renewed within the year or its grace: the next year follows without a gap (E-7, no waiting period).
        var next = CoverageYear.Starting(last.End.AddDays(1));
        return [new AffiliationRenewed(c.AffiliationId, next.Start, next.End, c.RenewedOn)];
    }

    static IReadOnlyList<IAffiliationEvent> Lapse(RecordLapse c, Activated a)
    {
        var lapsesOn = a.LastYear.End.AddDays(a.Terms.GracePeriodDays + 1);
        return c.Today >= lapsesOn ? [new AffiliationLapsed(c.AffiliationId, lapsesOn)]
            : throw new DomainError("E-8", "NOT_YET_LAPSED", $"lapses on {lapsesOn:yyyy-MM-dd} unless renewed");
    }

    static AffiliationTerminated Terminate(TerminateAffiliation c)
    {
        if (!TerminationCause.All.Contains(c.Cause))
            throw new DomainError("E-9", "CAUSE_UNKNOWN", "request, death or fraud", "cause");
        if (c.Cause == TerminationCause.Fraud && string.IsNullOrWhiteSpace(c.Reason))
            throw new DomainError("E-9", "REASON_REQUIRED", "an exclusion for fraud is recorded with a reason", "reason");
        return new(c.AffiliationId, c.Cause, c.Reason, c.TerminatedOn);
    }
}
