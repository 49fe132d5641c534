namespace MutualAdmin.Domain.Schemes;

/// <summary>The checks fund-api.md lists for a scheme document, each error naming its JSON field.</summary>
public static class SchemeValidation
{
    public static IReadOnlyList<FieldError> Validate(SchemeVersion draft, SchemeVersion? latestPublished)
    {
        var errors = new List<FieldError>();
        void Fail(string field, string message) => errors.Add(new FieldError(field, message));

        if (string.IsNullOrWhiteSpace(draft.Code)) Fail("code", "is required");
        if (latestPublished is not null && draft.EffectiveFrom <= latestPublished.EffectiveFrom)
            Fail("effectiveFrom", $"must be after {latestPublished.EffectiveFrom:yyyy-MM-dd}, the latest published version's");
        if (draft.Currency is not { Length: 3 } || !draft.Currency.All(char.IsAsciiLetterUpper))
            Fail("currency", "must be a three-letter ISO 4217 code");

        NotNegative(Fail, "contributionPerBeneficiary", draft.ContributionPerBeneficiary);
        NotNegative(Fail, "waitingPeriodDays", draft.WaitingPeriodDays);
        NotNegative(Fail, "gracePeriodDays", draft.GracePeriodDays);
        NotNegative(Fail, "annualCeilingPerBeneficiary", draft.AnnualCeilingPerBeneficiary);
        NotNegative(Fail, "claimDeadlineDays", draft.ClaimDeadlineDays);
        NotNegative(Fail, "reviewThreshold", draft.ReviewThreshold);
        NotNegative(Fail, "fourEyesThreshold", draft.FourEyesThreshold);
        Percentage(Fail, "reviewSamplePercent", draft.ReviewSamplePercent);
        Percentage(Fail, "adminFeePercent", draft.AdminFeePercent);

        Categories(Fail, "subsidyPercent", draft.SubsidyPercent, SubsidyCategory.All);
        Categories(Fail, "coverageRatePercent", draft.CoverageRatePercent, BenefitCategory.All);
        TariffValidation.Validate(Fail, draft.Tariffs);
        return errors;
    }

    internal static void NotNegative(Action<string, string> fail, string field, long value)
    {
        if (value < 0) fail(field, "must not be negative");
    }

    internal static void Percentage(Action<string, string> fail, string field, int value)
    {
        if (value is < 0 or > 100) fail(field, "must be a percentage between 0 and 100");
    }

    // Every category of the vocabulary must be priced, and nothing else may appear.
    static void Categories(Action<string, string> fail, string field,
        IReadOnlyDictionary<string, int>? percents, IReadOnlySet<string> known)
    {
        if (percents is null) { fail(field, "is required"); return; }
        foreach (var (category, percent) in percents)
        {
            if (!known.Contains(category)) fail($"{field}.{category}", "unknown category");
            else Percentage(fail, $"{field}.{category}", percent);
        }
        foreach (var missing in known.Where(k => !percents.ContainsKey(k)).Order())
            fail($"{field}.{missing}", "is required");
    }
}
