namespace MutualAdmin.Domain.Claims;

/// <summary>C-3: stable codes shown to staff and to the Fund.</summary>
public static class RejectionCode
{
    // Claim level, in the order C-2 checks them.
    public const string BeneficiaryUnknown = "BENEFICIARY_UNKNOWN", LateSubmission = "LATE_SUBMISSION",
        NotCovered = "NOT_COVERED", InWaitingPeriod = "IN_WAITING_PERIOD", Suspended = "SUSPENDED",
        UnknownDiagnosis = "UNKNOWN_DIAGNOSIS", ReferralRequired = "REFERRAL_REQUIRED", DuplicateClaim = "DUPLICATE_CLAIM";

    // Line level, in the order C-2 checks them.
    public const string UnknownTariff = "UNKNOWN_TARIFF", LevelNotAllowed = "LEVEL_NOT_ALLOWED",
        PatientCategory = "PATIENT_CATEGORY", Frequency = "FREQUENCY", CeilingReached = "CEILING_REACHED";

    public const string ReviewerRejected = "REVIEWER_REJECTED";
}

/// <summary>C-8: why a claim went to a medical reviewer.</summary>
public static class ReviewReason
{
    public const string AboveThreshold = "above-review-threshold", RandomSample = "random-sample",
        FrequentClaims = "frequent-claims";
}
