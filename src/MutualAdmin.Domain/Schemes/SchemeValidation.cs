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

        // Issue 22: one amount at most Amounts.MaxAmount, totals (ceiling, thresholds) at most MaxTotal, periods ten years.
        InRange(Fail, "contributionPerBeneficiary", draft.ContributionPerBeneficiary, Amounts.MaxAmount);
        InRange(Fail, "waitingPeriodDays", draft.WaitingPeriodDays, Amounts.MaxDays);
        InRange(Fail, "gracePeriodDays", draft.GracePeriodDays, Amounts.MaxDays);
        InRange(Fail, "annualCeilingPerBeneficiary", draft.AnnualCeilingPerBeneficiary, Amounts.MaxTotal);
        InRange(Fail, "claimDeadlineDays", draft.ClaimDeadlineDays, Amounts.MaxDays);
        InRange(Fail, "reviewThreshold", draft.ReviewThreshold, Amounts.MaxTotal);
        InRange(Fail, "fourEyesThreshold", draft.FourEyesThreshold, Amounts.MaxTotal);
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

    /// <summary>0 … <paramref name="max"/>: a negative says "must not be negative" as before, too large names the bound.</summary>
    internal static void InRange(Action<string, string> fail, string field, long value, long max)
    {
        if (value < 0) fail(field, "must not be negative");
        else if (value > max) fail(field, $"must be at most {max}");
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
