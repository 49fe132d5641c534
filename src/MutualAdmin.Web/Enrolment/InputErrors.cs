using MutualAdmin.Domain;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Enrolment;

/// <summary>
/// A missing or unknown value is malformed input (400) even when a domain rule is what noticed it; the
/// rule id stays in the message so the field can be traced to its rule. Other refusals stay 409.
/// </summary>
public static class InputErrors
{
    private static readonly HashSet<string> Malformed =
    [
        "REQUIRED", "SEX_INVALID", "BENEFICIARY_NUMBER_INVALID", "BIRTH_DATE_INCONSISTENT", "SUBSIDY_CATEGORY_UNKNOWN",
        "OCCUPATION_UNKNOWN", "LOCALITY_REQUIRED", "RELATIONSHIP_UNKNOWN", "REGISTRY_REFERENCE_REQUIRED",
        "CHANNEL_UNKNOWN", "PAYMENT_PLAN_UNKNOWN", "GROUP_AGREEMENT_REQUIRED", "CAUSE_UNKNOWN", "REASON_REQUIRED",
        // Input that cannot be true (E-1, E-3, K-4, K-5): the field is wrong, not the moment.
        "BIRTH_DATE_INVALID", "BIRTH_YEAR_INVALID", "CHILD_OLDER_THAN_MEMBER", "PAID_BEFORE_AFFILIATION", "REVERSED_BEFORE_PAYMENT",
    ];

    public static Exception Refine(DomainError e, string? path = null)
    {
        path ??= e.Field;
        if (path is not null && Malformed.Contains(e.Code))
            return RequestValidationException.For(path, $"{e.Rule} {e.Code}: {e.Message}");
        return path == e.Field ? e : new DomainError(e.Rule, e.Code, e.Message, path);
    }

    /// <summary>Runs a decision, turning malformed-input refusals into 400s.</summary>
    public static T Decide<T>(Func<T> decide)
    {
        try { return decide(); }
        catch (DomainError e) { throw Refine(e); }
    }
}
