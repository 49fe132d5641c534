using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Reference;

namespace MutualAdmin.Web.Claims.Submitting;

/// <summary>C-1: a claim as a provider system or a claims officer sends it.</summary>
public sealed record ClaimRequest(
    string? ProviderId = null, string? ProviderClaimReference = null, string? BeneficiaryNumber = null, string? VisitType = null,
    DateOnly? ServiceDate = null, DateOnly? AdmissionDate = null, DateOnly? DischargeDate = null, string? MainDiagnosis = null,
    IReadOnlyList<string>? SecondaryDiagnoses = null, string? ReferralReference = null, IReadOnlyList<ClaimLineRequest>? Lines = null)
{
    /// <summary>
    /// The submission, or a 400 naming every malformed field. Unknown codes (beneficiary, tariff,
    /// diagnosis) are not malformed: adjudication rejects them with their C-3 code.
    /// </summary>
    public ClaimSubmission ToSubmission(string tenant, Provider provider, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Require(string field, object? value)
        {
            if (value is null || value is string s && string.IsNullOrWhiteSpace(s)) errors[field] = ["is required"];
        }
        Require("providerClaimReference", ProviderClaimReference);
        Require("beneficiaryNumber", BeneficiaryNumber);
        Require("visitType", VisitType);
        Require("mainDiagnosis", MainDiagnosis);
        var serviceDate = ServiceDate ?? AdmissionDate;
        if (serviceDate is null) errors["serviceDate"] = ["is required"];
        if (Lines is null || Lines.Count == 0) errors["lines"] = ["C-1 NO_LINES: a claim has at least one line"];
        else if (Lines.Count > Amounts.MaxClaimLines) errors["lines"] = [$"C-1 TOO_MANY_LINES: at most {Amounts.MaxClaimLines} lines"];
        for (var i = 0; i < Math.Min(Lines?.Count ?? 0, Amounts.MaxClaimLines); i++)
        {
            var line = Lines![i];
            if (line is null) { errors[$"lines[{i}]"] = ["is required"]; continue; }
            if (string.IsNullOrWhiteSpace(line.TariffCode)) errors[$"lines[{i}].tariffCode"] = ["is required"];
            if (line.Quantity is not (>= 1 and <= Amounts.MaxQuantity))
                errors[$"lines[{i}].quantity"] = [$"C-1 LINE_INVALID: a quantity from 1 to {Amounts.MaxQuantity}"];
            if (line.ClaimedUnitPrice is not (>= 1 and <= Amounts.MaxAmount))
                errors[$"lines[{i}].claimedUnitPrice"] = [$"C-1 LINE_INVALID: a unit price from 1 to {Amounts.MaxAmount} in the currency's minor unit"];
        }
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var reference = ProviderClaimReference!.Trim();
        var submission = new ClaimSubmission(ClaimStreams.ClaimId(tenant, provider.Id, reference), provider.Id, provider.Level, reference,
            Domain.Enrolment.BeneficiaryNumber.Normalise(BeneficiaryNumber!), VisitType!.Trim(), serviceDate!.Value, AdmissionDate, DischargeDate,
            MainDiagnosis!.Trim().ToUpperInvariant(), SecondaryDiagnoses ?? [], string.IsNullOrWhiteSpace(ReferralReference) ? null : ReferralReference.Trim(),
            [.. Lines!.Select(l => new ClaimLine(l.TariffCode!.Trim().ToUpperInvariant(), l.Quantity!.Value, l.ClaimedUnitPrice!.Value))], today);
        try
        {
            submission.EnsureWellFormed();
        }
        catch (DomainError e)
        {
            throw RequestValidationException.For(e.Field ?? "claim", $"{e.Rule} {e.Code}: {e.Message}");
        }
        return submission;
    }
}

public sealed record ClaimLineRequest(string? TariffCode = null, int? Quantity = null, long? ClaimedUnitPrice = null);
