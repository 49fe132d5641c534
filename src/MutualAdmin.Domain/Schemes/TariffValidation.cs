namespace MutualAdmin.Domain.Schemes;

/// <summary>S-6 checks on the tariff list of a scheme document.</summary>
static class TariffValidation
{
    public static void Validate(Action<string, string> fail, IReadOnlyList<Tariff>? tariffs)
    {
        if (tariffs is null) { fail("tariffs", "is required"); return; }
        var seen = new HashSet<string>();
        for (var i = 0; i < tariffs.Count; i++)
        {
            var t = tariffs[i];
            var at = $"tariffs[{i}]";
            if (string.IsNullOrWhiteSpace(t.Code)) fail($"{at}.code", "is required");
            else if (!seen.Add(t.Code)) fail($"{at}.code", $"duplicate tariff code {t.Code}");
            if (!BenefitCategory.All.Contains(t.Category ?? "")) fail($"{at}.category", "unknown category");
            SchemeValidation.InRange(fail, $"{at}.maxUnitPrice", t.MaxUnitPrice, Amounts.MaxAmount);
            Levels(fail, at, t.Levels);
            if (t.Sex is not null && !Sex.All.Contains(t.Sex)) fail($"{at}.sex", "must be F, M or null");
            if (t.MinAgeYears is { } min) SchemeValidation.InRange(fail, $"{at}.minAgeYears", min, Amounts.MaxAgeYears);
            if (t.MaxAgeYears is { } max) SchemeValidation.InRange(fail, $"{at}.maxAgeYears", max, Amounts.MaxAgeYears);
            if (t.MinAgeYears > t.MaxAgeYears) fail($"{at}.maxAgeYears", "must not be below minAgeYears");
            if (t.MaxQuantityPerClaim < 1) fail($"{at}.maxQuantityPerClaim", "must be at least 1");
            else if (t.MaxQuantityPerClaim > Amounts.MaxQuantity) fail($"{at}.maxQuantityPerClaim", $"must be at most {Amounts.MaxQuantity}");
            if (t.MinIntervalDays is { } days) SchemeValidation.InRange(fail, $"{at}.minIntervalDays", days, Amounts.MaxDays);
        }
    }

    static void Levels(Action<string, string> fail, string at, IReadOnlyList<string>? levels)
    {
        if (levels is null || levels.Count == 0) { fail($"{at}.levels", "at least one provider level is required"); return; }
        for (var j = 0; j < levels.Count; j++)
            if (!ProviderLevel.All.Contains(levels[j])) fail($"{at}.levels[{j}]", "unknown provider level");
    }
}
