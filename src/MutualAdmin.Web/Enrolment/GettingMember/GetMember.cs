using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Enrolment.Eligibility;

namespace MutualAdmin.Web.Enrolment.GettingMember;

/// <summary>A member's household as staff see it: beneficiaries, affiliations and everyone's state today.</summary>
public static class GetMember
{
    public sealed record Person(
        Guid PersonId, string BeneficiaryNumber, string Relationship, string? FullName, string Sex, DateOnly? BirthDate,
        int BirthYear, bool BirthDateEstimated, string? Phone, string? NationalId, string SubsidyCategory, string? RegistryReference,
        bool Student, DateOnly AddedOn, DateOnly? RemovedOn, DateOnly? DiedOn, string State, DateOnly? CoverFrom, DateOnly? CoverTo);

    public sealed record AffiliationView(Guid AffiliationId, string SchemeCode, string Channel, Guid? GroupAgreementId,
        string PaymentPlan, string Status, DateOnly RequestedOn, DateOnly? ActivatedOn, IReadOnlyList<CoverageYear> Years);

    public sealed record Member(Guid HouseholdId, Guid MemberId, Locality Locality, string OccupationCategory, long Version,
        DateOnly AsOf, IReadOnlyList<Person> Beneficiaries, IReadOnlyList<AffiliationView> Affiliations);

    public static async Task<Results<Ok<Member>, NotFound>> Handle(Guid id, Actor actor, Households households,
        TimeProvider clock, CancellationToken ct)
    {
        if (await households.Find(actor.Tenant, id, ct) is not { } file) return TypedResults.NotFound();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var h = file.Household;
        return TypedResults.Ok(new Member(h.HouseholdId, h.MemberId, h.Locality, h.OccupationCategory, file.Version, today,
            [.. h.People.Select(p => View(p, CoverOn(today, p, file.WithArrears)))],
            [.. file.Affiliations.Select(View)]));
    }

    /// <summary>The most favourable cover across the household's affiliations (a lapsed year and its successor).</summary>
    public static BeneficiaryCover CoverOn(DateOnly date, HouseholdPerson p,
        IEnumerable<(Affiliation Affiliation, IReadOnlyList<DateRange> Arrears)> affiliations) =>
        affiliations.Select(a => Cover.On(date, p, a.Affiliation, a.Arrears))
            .OrderBy(c => c.State switch
            {
                BeneficiaryState.Covered => 0, BeneficiaryState.Suspended => 1, BeneficiaryState.Waiting => 2,
                BeneficiaryState.Terminated => 3, BeneficiaryState.Lapsed => 4, _ => 5,
            })
            .FirstOrDefault() ?? new(BeneficiaryState.NotAffiliated, null, null);

    private static Person View(HouseholdPerson p, BeneficiaryCover cover) => new(
        p.PersonId, p.BeneficiaryNumber, p.Relationship, p.Personal?.FullName, p.Sex, p.Personal?.BirthDate, p.BirthYear,
        p.BirthDateEstimated, p.Personal?.Phone, p.Personal?.NationalId, p.SubsidyCategory, p.Personal?.RegistryReference,
        p.Student, p.AddedOn, p.RemovedOn, p.DiedOn, EligibilityIndex.Wire(cover.State), cover.CoverFrom, cover.CoverTo);

    private static AffiliationView View(Affiliation a) => a switch
    {
        Affiliation.Pending p => View(p.Terms, a, null, []),
        Affiliation.Activated x => View(x.Terms, a, x.ActivatedOn, x.Years),
        Affiliation.Withdrawn w => View(w.Terms, a, null, []),
        _ => throw new InvalidOperationException(a.GetType().Name),
    };

    private static AffiliationView View(AffiliationTerms t, Affiliation a, DateOnly? activatedOn, IReadOnlyList<CoverageYear> years) =>
        new(t.AffiliationId, t.SchemeCode, t.Channel, t.GroupAgreementId, t.PaymentPlan,
            a.Status?.ToString().ToLowerInvariant() ?? "unknown", t.RequestedOn, activatedOn, years);
}
