using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain.Claims;

/// <summary>The beneficiary as adjudication needs them, with their cover on the claim's cover date.</summary>
public sealed record Patient(string Sex, DateOnly BirthDate, BeneficiaryState State)
{
    /// <param name="cover">Cover.On(claim.CoverDate, …) for this person.</param>
    public static Patient Of(HouseholdPerson person, BeneficiaryCover cover) => new(person.Sex, person.BirthDate, cover.State);
}

/// <summary>Another claim of the same beneficiary (any provider), for C-3 duplicates and C-8 frequency.</summary>
public sealed record PriorClaim(Guid ClaimId, string ProviderId, DateOnly ServiceDate, IReadOnlyList<ClaimLine> Lines, bool Rejected);

/// <summary>An approved provision of a tariff to the beneficiary (any provider), for C-3 FREQUENCY.</summary>
public sealed record Provision(string TariffCode, DateOnly ServiceDate);

/// <summary>
/// What the platform looked up before adjudicating; adjudication itself reads nothing else.
/// <see cref="Scheme"/> is the version in force on the cover date (S-2). <see cref="BenefitUsedThisYear"/>
/// comes from the inline benefit-usage projection, read under the lock that serialises a beneficiary's
/// adjudications, which is what keeps C-5 true for concurrent claims.
/// </summary>
public sealed record AdjudicationFacts(
    SchemeVersion Scheme,
    Patient? Patient,
    IReadOnlySet<string> Icd10Codes,
    IReadOnlyList<PriorClaim> OtherClaims,
    IReadOnlyList<Provision> ApprovedProvisions,
    long BenefitUsedThisYear,
    DateOnly? CoverageYearStart = null);
