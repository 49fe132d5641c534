using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain.Tests.Claims;

/// <summary>Awa (F, born 1988-05-03, covered) seen at a health centre on 2026-06-10.</summary>
public static class Claims
{
    public static readonly Guid ClaimId = Guid.Parse("e0000000-0000-4000-8000-000000000001");
    public static readonly string HealthCentre = "hc-ndiaganiao";
    public static readonly string Hospital = "dh-mbour";
    public static readonly string Awa = BeneficiaryNumber.From(1);
    public static readonly DateOnly ServiceDate = new(2026, 6, 10);
    public static readonly DateOnly YearStart = new(2026, 1, 1);

    /// <summary>The demo scheme without the random sample, so that only the sample tests draw it.</summary>
    public static readonly SchemeVersion Scheme = DemoScheme.CsuBase with { ReviewSamplePercent = 0 };

    public static ClaimSubmission Claim(params ClaimLine[] lines) =>
        new(ClaimId, HealthCentre, ProviderLevel.HealthCentre, "HC-2026-0001", Awa, VisitType.Outpatient, ServiceDate,
            null, null, "B54", [], null, lines.Length == 0 ? [new("CONS-GEN", 1, 2000)] : lines, ServiceDate.AddDays(2));

    public static ClaimSubmission HospitalStay(DateOnly admitted, DateOnly discharged, DateOnly submitted) =>
        Claim(new ClaimLine("HOSP-DAY", discharged.DayNumber - admitted.DayNumber, 10000)) with
        {
            ProviderId = Hospital, ProviderLevel = ProviderLevel.DistrictHospital, VisitType = VisitType.Inpatient,
            ServiceDate = admitted, AdmissionDate = admitted, DischargeDate = discharged, ReferralReference = "REF-77",
            SubmittedOn = submitted, MainDiagnosis = "K35.8",
        };

    public static AdjudicationFacts Facts(BeneficiaryState state = BeneficiaryState.Covered, long used = 0,
        IReadOnlyList<PriorClaim>? others = null, IReadOnlyList<Provision>? provisions = null, SchemeVersion? scheme = null) =>
        new(scheme ?? Scheme, new Patient("F", new(1988, 5, 3), state), new HashSet<string> { "B54", "A09", "O80", "J06.9", "K35.8" },
            others ?? [], provisions ?? [], used, YearStart);

    public static Adjudicated Adjudicate(ClaimSubmission claim, AdjudicationFacts? facts = null) =>
        Adjudication.Adjudicate(claim, facts ?? Facts());

    public static string? LineCode(ClaimSubmission claim, AdjudicationFacts? facts = null) =>
        Assert.Single(Adjudicate(claim, facts).Lines).RejectionCode;
}
