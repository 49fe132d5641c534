using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain.Claims;

public sealed record ClaimLine(string TariffCode, int Quantity, long ClaimedUnitPrice)
{
    public long Claimed => Quantity * ClaimedUnitPrice;
}

/// <summary>C-1: a claim as the provider sends it.</summary>
public sealed record ClaimSubmission(
    Guid ClaimId, string ProviderId, string ProviderLevel, string ProviderClaimReference, string BeneficiaryNumber,
    string VisitType, DateOnly ServiceDate, DateOnly? AdmissionDate, DateOnly? DischargeDate,
    string MainDiagnosis, IReadOnlyList<string> SecondaryDiagnoses, string? ReferralReference,
    IReadOnlyList<ClaimLine> Lines, DateOnly SubmittedOn)
{
    public const int MaxSecondaryDiagnoses = 4;

    bool Inpatient => VisitType == Schemes.VisitType.Inpatient;

    /// <summary>C-2: cover, age and the scheme version are taken on the admission date for an inpatient stay.</summary>
    public DateOnly CoverDate => Inpatient ? AdmissionDate ?? ServiceDate : ServiceDate;

    /// <summary>C-2: the submission deadline runs from the discharge date for an inpatient stay.</summary>
    public DateOnly DeadlineFrom => Inpatient ? DischargeDate ?? ServiceDate : ServiceDate;

    public long Claimed => Lines.Sum(l => l.Claimed);

    /// <summary>C-1 shape checks: malformed input, refused before any rule is applied.</summary>
    public void EnsureWellFormed()
    {
        static DomainError Bad(string code, string message, string field) => new("C-1", code, message, field);
        if (string.IsNullOrWhiteSpace(ProviderClaimReference)) throw Bad("REQUIRED", "is required", "providerClaimReference");
        if (!Schemes.VisitType.All.Contains(VisitType)) throw Bad("VISIT_TYPE_UNKNOWN", "outpatient, inpatient, emergency or maternity", "visitType");
        if (!Schemes.ProviderLevel.All.Contains(ProviderLevel)) throw Bad("PROVIDER_LEVEL_UNKNOWN", "unknown provider level", "providerLevel");
        if (Inpatient && (AdmissionDate is null || DischargeDate is null || DischargeDate < AdmissionDate))
            throw Bad("STAY_DATES_INVALID", "an inpatient claim has admission and discharge dates, in that order", "dischargeDate");
        if (SecondaryDiagnoses is { Count: > MaxSecondaryDiagnoses })
            throw Bad("TOO_MANY_DIAGNOSES", $"at most {MaxSecondaryDiagnoses} secondary diagnoses", "secondaryDiagnoses");
        if (Lines is null || Lines.Count == 0) throw Bad("NO_LINES", "a claim has at least one line", "lines");
        if (Lines.Count > Amounts.MaxClaimLines) throw Bad("TOO_MANY_LINES", $"at most {Amounts.MaxClaimLines} lines", "lines");
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i].Quantity is < 1 or > Amounts.MaxQuantity)
                throw Bad("LINE_INVALID", $"a quantity from 1 to {Amounts.MaxQuantity}", $"lines[{i}].quantity");
            if (Lines[i].ClaimedUnitPrice is < 1 or > Amounts.MaxAmount)
                throw Bad("LINE_INVALID", $"a unit price from 1 to {Amounts.MaxAmount}", $"lines[{i}].claimedUnitPrice");
        }
    }
}
