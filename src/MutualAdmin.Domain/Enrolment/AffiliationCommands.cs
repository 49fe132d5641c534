namespace MutualAdmin.Domain.Enrolment;

public interface IAffiliationCommand;

/// <summary>
/// <paramref name="ContinuesAfterMemberDeath"/>: E-9, the dependants of a deceased member carry on
/// under the new member without a new waiting period.
/// </summary>
public sealed record RequestAffiliation(
    Guid AffiliationId, Guid HouseholdId, string SchemeCode, string Channel, Guid? GroupAgreementId,
    string PaymentPlan, DateOnly RequestedOn, int WaitingPeriodDays, int GracePeriodDays, bool ContinuesAfterMemberDeath = false)
    : IAffiliationCommand;

public sealed record ApproveAffiliation(Guid AffiliationId, DateOnly ApprovedOn, bool AllBeneficiariesIndigent) : IAffiliationCommand;

/// <summary>E-6: sent when the first instalment's member share is fully paid (see ContributionAccount).</summary>
public sealed record ActivateAffiliation(Guid AffiliationId, DateOnly FirstInstalmentPaidOn) : IAffiliationCommand;

public sealed record RenewAffiliation(Guid AffiliationId, DateOnly RenewedOn) : IAffiliationCommand;

/// <summary>K-6: driven by the arrears of the contribution account.</summary>
public sealed record SuspendAffiliation(Guid AffiliationId, DateOnly SuspendedFrom, string Reason) : IAffiliationCommand;

public sealed record ReinstateAffiliation(Guid AffiliationId, DateOnly ReinstatedFrom) : IAffiliationCommand;

/// <summary>E-8: the daily sweep asks; the decider says whether the date has come.</summary>
public sealed record RecordLapse(Guid AffiliationId, DateOnly Today) : IAffiliationCommand;

public sealed record TerminateAffiliation(Guid AffiliationId, string Cause, string? Reason, DateOnly TerminatedOn) : IAffiliationCommand;

/// <summary>E-9.</summary>
public static class TerminationCause
{
    public const string Request = "request", Death = "death", Fraud = "fraud";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Request, Death, Fraud };
}
