using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;
using static MutualAdmin.Domain.Claims.RejectionCode;

namespace MutualAdmin.Domain.Claims;

/// <summary>Automatic adjudication (C-2…C-8): a pure function of the claim and the looked-up facts.</summary>
public static class Adjudication
{
    public static Adjudicated Adjudicate(ClaimSubmission claim, AdjudicationFacts facts)
    {
        var unpriced = claim.Lines.Select((l, i) => LineDecision.Unpriced(i + 1, l, facts.Scheme.FindTariff(l.TariffCode)?.Category)).ToList();
        if (HeaderRejection(claim, facts) is { } reason)
            return new(ClaimOutcome.Rejected, reason, unpriced, []);

        var lines = PriceLines(claim, facts);
        return new(Adjudicated.OutcomeOf(lines), null, lines, ReviewReasons(claim, facts));
    }

    /// <summary>C-2: header checks in this order; the first failure is the claim's reason.</summary>
    static string? HeaderRejection(ClaimSubmission claim, AdjudicationFacts facts)
    {
        if (!BeneficiaryNumber.IsValid(claim.BeneficiaryNumber) || facts.Patient is not { } patient) return BeneficiaryUnknown;
        var latestDate = new[] { claim.ServiceDate, claim.AdmissionDate ?? claim.ServiceDate, claim.DischargeDate ?? claim.ServiceDate }.Max();
        if (claim.SubmittedOn > claim.DeadlineFrom.AddDays(facts.Scheme.ClaimDeadlineDays) || latestDate > claim.SubmittedOn)
            return LateSubmission;
        if (CoverRejection(patient.State) is { } notCovered) return notCovered;
        if (!IsKnownDiagnosis(claim.MainDiagnosis, facts.Icd10Codes)) return UnknownDiagnosis;
        if (ProviderLevel.IsHospital(claim.ProviderLevel) && claim.VisitType is not (VisitType.Emergency or VisitType.Maternity)
            && string.IsNullOrWhiteSpace(claim.ReferralReference)) return ReferralRequired;
        if (facts.OtherClaims.Any(o => IsDuplicate(claim, o))) return DuplicateClaim;
        return null;
    }

    /// <summary>
    /// The C-3 code a claim gets for the beneficiary's state on its cover date; also the Fund
    /// eligibility API's <c>reason</c>, so that the API and adjudication never disagree.
    /// </summary>
    public static string? CoverRejection(BeneficiaryState state) => state switch
    {
        BeneficiaryState.Covered => null,
        BeneficiaryState.Waiting => InWaitingPeriod,
        BeneficiaryState.Suspended => Suspended,
        _ => NotCovered,
    };

    static bool IsKnownDiagnosis(string code, IReadOnlySet<string> known)
    {
        var normal = code?.Trim().ToUpperInvariant() ?? "";
        return normal.Length > 0 && (known.Contains(normal) || known.Contains(normal.Replace(".", "")));
    }

    /// <summary>C-3: same provider, beneficiary, service date and identical lines as a claim not rejected.</summary>
    static bool IsDuplicate(ClaimSubmission claim, PriorClaim other) =>
        other.ClaimId != claim.ClaimId && !other.Rejected && other.ProviderId == claim.ProviderId
        && other.ServiceDate == claim.ServiceDate
        && claim.Lines.Order(LineOrder.Instance).SequenceEqual(other.Lines.Order(LineOrder.Instance));

    /// <summary>C-2 line checks in order, then C-4 pricing and the C-5 ceiling, line by line in claim order.</summary>
    static List<LineDecision> PriceLines(ClaimSubmission claim, AdjudicationFacts facts)
    {
        var scheme = facts.Scheme;
        var patient = facts.Patient!;
        var age = Ages.InYears(patient.BirthDate, claim.CoverDate);
        var provisions = facts.ApprovedProvisions.ToList();
        var remaining = scheme.AnnualCeilingPerBeneficiary - facts.BenefitUsedThisYear;
        var decisions = new List<LineDecision>();
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var line = claim.Lines[i];
            var tariff = scheme.FindTariff(line.TariffCode);
            var unpriced = LineDecision.Unpriced(i + 1, line, tariff?.Category);
            var rejection = tariff is null ? UnknownTariff
                : !tariff.Levels.Contains(claim.ProviderLevel) ? LevelNotAllowed
                : !FitsPatient(tariff, patient.Sex, age) ? PatientCategory
                : TooSoon(tariff, claim.CoverDate, provisions) ? Frequency
                : remaining <= 0 ? CeilingReached
                : null;
            if (rejection is not null) { decisions.Add(unpriced.Rejected(rejection)); continue; }

            var priced = Price(unpriced, tariff!, scheme.CoverageRatePercent[tariff!.Category], remaining);
            remaining -= priced.Benefit;
            provisions.Add(new(line.TariffCode, claim.CoverDate));
            decisions.Add(priced);
        }
        return decisions;
    }

    /// <summary>C-4 with the C-5 cut: eligible at the lower of claimed and tariff price, benefit floored.</summary>
    static LineDecision Price(LineDecision line, Tariff tariff, int ratePercent, long remaining)
    {
        var quantity = Math.Min(line.Quantity, tariff.MaxQuantityPerClaim ?? line.Quantity);
        var unitPrice = Math.Min(line.ClaimedUnitPrice, tariff.MaxUnitPrice);
        var eligible = quantity * unitPrice;
        var benefit = eligible * ratePercent / 100;
        var cut = benefit > remaining;
        if (cut) benefit = remaining;
        return line with
        {
            ApprovedQuantity = quantity, ApprovedUnitPrice = unitPrice, CoverageRatePercent = ratePercent,
            Eligible = eligible, Benefit = benefit, CoPayment = eligible - benefit, CutByCeiling = cut,
        };
    }

    /// <summary>C-3 PATIENT_CATEGORY: limits inclusive.</summary>
    static bool FitsPatient(Tariff tariff, string sex, int age) =>
        (tariff.Sex is null || tariff.Sex == sex) && !(age < tariff.MinAgeYears) && !(age > tariff.MaxAgeYears);

    /// <summary>C-3 FREQUENCY: fewer than the minimum interval since an earlier approved provision.</summary>
    static bool TooSoon(Tariff tariff, DateOnly date, IEnumerable<Provision> provisions) =>
        tariff.MinIntervalDays is > 0 and var interval
        && provisions.Any(p => p.TariffCode == tariff.Code && p.ServiceDate <= date && date.DayNumber - p.ServiceDate.DayNumber < interval);

    /// <summary>C-8: the reasons to send a claim that passed the header checks to a medical reviewer.</summary>
    static IReadOnlyList<string> ReviewReasons(ClaimSubmission claim, AdjudicationFacts facts)
    {
        var reasons = new List<string>();
        if (claim.Claimed > facts.Scheme.ReviewThreshold) reasons.Add(ReviewReason.AboveThreshold);
        if (IsSampled(claim.ClaimId, facts.Scheme.ReviewSamplePercent)) reasons.Add(ReviewReason.RandomSample);
        if (ClaimsInSevenDayWindow(claim, facts.OtherClaims) >= 3) reasons.Add(ReviewReason.FrequentClaims);
        return reasons;
    }

    /// <summary>
    /// C-8: deterministic sample, so a replay selects the same claims: the first 8 hex digits of the
    /// SHA-256 of the id's lower-case text, as a number, modulo 100, below the sample percentage.
    /// </summary>
    public static bool IsSampled(Guid claimId, int samplePercent)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(claimId.ToString("D").ToLowerInvariant()));
        return BinaryPrimitives.ReadUInt32BigEndian(hash) % 100 < samplePercent;
    }

    /// <summary>The most claims (this one included) of the beneficiary in any 7-day window holding this claim.</summary>
    static int ClaimsInSevenDayWindow(ClaimSubmission claim, IReadOnlyList<PriorClaim> others)
    {
        var dates = others.Where(o => !o.Rejected && o.ClaimId != claim.ClaimId).Select(o => o.ServiceDate).ToList();
        return Enumerable.Range(0, 7).Select(offset => claim.ServiceDate.AddDays(-offset))
            .Max(start => 1 + dates.Count(d => d >= start && d <= start.AddDays(6)));
    }

    sealed class LineOrder : IComparer<ClaimLine>
    {
        public static readonly LineOrder Instance = new();
        public int Compare(ClaimLine? x, ClaimLine? y) =>
            string.CompareOrdinal(x!.TariffCode, y!.TariffCode) is var byCode and not 0 ? byCode
            : (x.Quantity, x.ClaimedUnitPrice).CompareTo((y.Quantity, y.ClaimedUnitPrice));
    }
}
