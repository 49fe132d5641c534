namespace MutualAdmin.Web.Ui.Enrolment;

// The parts of the enrolment API's answers these pages show (GET /api/members, /api/members/{id}).

public sealed record MemberHit(Guid HouseholdId, Guid PersonId, string BeneficiaryNumber, string Relationship,
    string? FullName, string Sex, int BirthYear, string Status);

public sealed record MemberPage(IReadOnlyList<MemberHit> Items, int PageNumber, int PageSize, long Total);

public sealed record PlaceView(string Region, string District, string Commune);

public sealed record PersonView(Guid PersonId, string BeneficiaryNumber, string Relationship, string? FullName, string Sex,
    DateOnly? BirthDate, int BirthYear, string? Phone, string SubsidyCategory, DateOnly AddedOn, DateOnly? RemovedOn,
    DateOnly? DiedOn, string State, DateOnly? CoverFrom, DateOnly? CoverTo);

public sealed record YearView(DateOnly Start, DateOnly End);

public sealed record AffiliationView(Guid AffiliationId, string SchemeCode, string Channel, string PaymentPlan, string Status,
    DateOnly RequestedOn, DateOnly? ActivatedOn, IReadOnlyList<YearView> Years);

public sealed record HouseholdView(Guid HouseholdId, Guid MemberId, PlaceView Locality, string OccupationCategory, long Version,
    DateOnly AsOf, IReadOnlyList<PersonView> Beneficiaries, IReadOnlyList<AffiliationView> Affiliations);

public sealed record Registered(Guid HouseholdId);

public sealed record Requested(Guid AffiliationId, string Status);
