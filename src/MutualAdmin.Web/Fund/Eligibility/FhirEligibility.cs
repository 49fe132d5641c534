using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Fund.Eligibility;

// HL7 FHIR R4 CoverageEligibilityRequest / CoverageEligibilityResponse: only the elements this check
// reads and writes, as small records (the FHIR SDK is not available here).

// Absent elements are normal in FHIR: every element a request may leave out has a default.
public sealed record FhirIdentifier(string? System = null, string? Value = null);
public sealed record FhirReference(string? Reference = null, FhirIdentifier? Identifier = null);
public sealed record FhirCoding(string? System, string? Code, string? Display = null);
public sealed record FhirCodeableConcept(IReadOnlyList<FhirCoding>? Coding, string? Text = null);
public sealed record FhirMoney(long Value, string Currency);
public sealed record FhirPeriod(string? Start, string? End);

public sealed record CoverageEligibilityRequest(
    string? ResourceType = null, string? Id = null, string? Status = null, IReadOnlyList<string>? Purpose = null,
    FhirReference? Patient = null, string? ServicedDate = null);

public sealed record FhirBenefit(FhirCodeableConcept Type, FhirMoney? AllowedMoney = null, FhirMoney? UsedMoney = null);
public sealed record FhirItem(FhirCodeableConcept Category, IReadOnlyList<FhirBenefit> Benefit);
public sealed record FhirInsurance(FhirReference Coverage, bool Inforce, FhirPeriod? BenefitPeriod, IReadOnlyList<FhirItem>? Item);
public sealed record FhirError(FhirCodeableConcept Code);

public sealed record CoverageEligibilityResponse(
    string ResourceType, string Status, IReadOnlyList<string> Purpose, FhirReference Patient, string ServicedDate, string Created,
    FhirReference Request, string Outcome, FhirReference Insurer, IReadOnlyList<FhirInsurance> Insurance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FhirError>? Error = null);

/// <summary>
/// <c>POST /fund/fhir/CoverageEligibilityRequest</c>: the same check in FHIR R4 form. Patient
/// identifier = beneficiary number, <c>servicedDate</c> the date; <c>insurance[0].inforce</c> says
/// covered, the benefit gives the annual ceiling allowed and used, and a state that is not covered
/// is named with the claim rejection code it would give.
/// </summary>
public static class FhirEligibility
{
    private const string BeneficiarySystem = "https://mutualadmin.org/fhir/beneficiary-number";
    private const string RejectionSystem = "https://mutualadmin.org/fhir/claim-rejection-code";

    public static async Task<Results<Ok<CoverageEligibilityResponse>, ProblemHttpResult>> Handle(CoverageEligibilityRequest request,
        FundEligibility eligibility, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ResourceType != "CoverageEligibilityRequest") errors["resourceType"] = ["must be CoverageEligibilityRequest"];
        var number = request.Patient?.Identifier?.Value;
        if (string.IsNullOrWhiteSpace(number)) errors["patient.identifier.value"] = ["the beneficiary number is required"];
        if (!DateOnly.TryParseExact(request.ServicedDate, "yyyy-MM-dd", out var date)) errors["servicedDate"] = ["a date written yyyy-MM-dd is required"];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        if (await eligibility.On(number!, date, ct) is not { } answer)
            return TypedResults.Problem(statusCode: 404, type: Problems.BeneficiaryUnknown, title: "No such beneficiary number.");

        var money = answer is { Currency: { } currency, CeilingRemaining: { } left, AnnualCeiling: { } ceiling }
            ? (Allowed: new FhirMoney(ceiling, currency), Used: new FhirMoney(ceiling - left, currency)) : (Allowed: (FhirMoney?)null, Used: (FhirMoney?)null);
        var item = new FhirItem(new FhirCodeableConcept([new("http://terminology.hl7.org/CodeSystem/ex-benefitcategory", "30", "Health Benefit Plan Coverage")]),
            [new FhirBenefit(new FhirCodeableConcept([new("http://terminology.hl7.org/CodeSystem/benefit-type", "benefit", "Benefit")], "annual ceiling"),
                money.Allowed, money.Used)]);
        var insurance = new FhirInsurance(new FhirReference($"Coverage/{answer.Tenant}-{answer.Scheme}", null), answer.Covered,
            answer.CoverFrom is null ? null : new FhirPeriod(answer.CoverFrom?.ToString("yyyy-MM-dd"), answer.CoverTo?.ToString("yyyy-MM-dd")),
            [item]);
        return TypedResults.Ok(new CoverageEligibilityResponse(
            "CoverageEligibilityResponse", "active", ["validation"],
            new FhirReference(null, new FhirIdentifier(BeneficiarySystem, answer.Beneficiary)), date.ToString("yyyy-MM-dd"),
            clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            new FhirReference(request.Id is { } id ? $"CoverageEligibilityRequest/{id}" : null, null),
            "complete", new FhirReference($"Organization/{answer.Tenant}", null), [insurance],
            answer.Reason is { } reason ? [new FhirError(new FhirCodeableConcept([new(RejectionSystem, reason, answer.State)]))] : null));
    }
}
