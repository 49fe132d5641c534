namespace MutualAdmin.Domain.Enrolment;

// A household: the member (head) and the dependants covered through them (E-1, E-3, E-9).

public interface IHouseholdEvent;

public sealed record MemberRegistered(
    Guid HouseholdId, Guid PersonId, string BeneficiaryNumber, PersonalData Personal,
    string Sex, int BirthYear, bool BirthDateEstimated, string SubsidyCategory,
    Locality Locality, string OccupationCategory, string? Collector, string? ExternalMemberReference,
    DateOnly RegisteredOn) : IHouseholdEvent;

public sealed record DependantAdded(
    Guid HouseholdId, Guid PersonId, string BeneficiaryNumber, PersonalData Personal,
    string Sex, int BirthYear, bool BirthDateEstimated, string SubsidyCategory,
    string Relationship, bool Student, DateOnly AddedOn) : IHouseholdEvent;

public sealed record DependantRemoved(Guid HouseholdId, Guid PersonId, string Reason, DateOnly RemovedOn) : IHouseholdEvent;

/// <summary>
/// E-1, A-1: a registration detail was wrong. The event carries every correctable value as it now
/// stands (the personal part sealed like at registration) and the staff's reason; the earlier events
/// keep what was first recorded.
/// </summary>
public sealed record PersonDetailsCorrected(
    Guid HouseholdId, Guid PersonId, PersonalData Personal, string Sex, int BirthYear, bool BirthDateEstimated,
    string Reason, DateOnly CorrectedOn) : IHouseholdEvent;

/// <summary>
/// The person's personal data was erased (end of retention, or their request): their key is deleted
/// in the same transaction, so every event that sealed their data reads back without it. Sex, birth
/// year and locality stay, as the reports and the Fund's feed need them.
/// </summary>
public sealed record PersonErased(Guid HouseholdId, Guid PersonId, string Reason, DateOnly ErasedOn) : IHouseholdEvent;

public sealed record PersonDied(Guid HouseholdId, Guid PersonId, DateOnly DiedOn) : IHouseholdEvent;

/// <summary>E-9: after the member's death a dependant becomes the member; the others stay.</summary>
public sealed record HouseholdTransferredToNewMember(Guid HouseholdId, Guid NewMemberId, DateOnly TransferredOn) : IHouseholdEvent;

/// <summary>One beneficiary of the household. <see cref="Personal"/> is null once erased.</summary>
public sealed record HouseholdPerson(
    Guid PersonId, string BeneficiaryNumber, string Relationship, PersonalData? Personal,
    string Sex, int BirthYear, bool BirthDateEstimated, bool Student, string SubsidyCategory,
    DateOnly AddedOn, DateOnly? RemovedOn = null, DateOnly? DiedOn = null)
{
    public DateOnly BirthDate => Ages.AssumedBirthDate(BirthDateEstimated ? null : Personal?.BirthDate, BirthYear);
    public bool IsPresentOn(DateOnly date) => !(RemovedOn <= date) && !(DiedOn <= date);
    public bool IsCurrent => RemovedOn is null && DiedOn is null;
}

public abstract record Household
{
    public sealed record NotRegistered : Household;

    public sealed record Registered(
        Guid HouseholdId, Guid MemberId, Locality Locality, string OccupationCategory,
        IReadOnlyList<HouseholdPerson> People) : Household
    {
        public HouseholdPerson? Find(Guid personId) => People.FirstOrDefault(p => p.PersonId == personId);
        public IEnumerable<HouseholdPerson> Current => People.Where(p => p.IsCurrent);
        public bool MemberDied => Find(MemberId)?.DiedOn is not null;

        public Registered Update(Guid personId, Func<HouseholdPerson, HouseholdPerson> change) =>
            this with { People = [.. People.Select(p => p.PersonId == personId ? change(p) : p)] };
    }

    public static readonly IReadOnlyDictionary<Type, string> Events = new Dictionary<Type, string>
    {
        [typeof(MemberRegistered)] = "member-registered",
        [typeof(DependantAdded)] = "dependant-added",
        [typeof(DependantRemoved)] = "dependant-removed",
        [typeof(PersonDetailsCorrected)] = "person-details-corrected",
        [typeof(PersonErased)] = "person-erased",
        [typeof(PersonDied)] = "person-died",
        [typeof(HouseholdTransferredToNewMember)] = "household-transferred-to-new-member",
    };

    public static Household Initial => new NotRegistered();

    public static Household Evolve(Household state, IHouseholdEvent @event) => (state, @event) switch
    {
        (NotRegistered, MemberRegistered e) => new Registered(e.HouseholdId, e.PersonId, e.Locality, e.OccupationCategory,
            [new(e.PersonId, e.BeneficiaryNumber, Relationship.Member, e.Personal, e.Sex, e.BirthYear,
                 e.BirthDateEstimated, false, e.SubsidyCategory, e.RegisteredOn)]),
        (Registered h, DependantAdded e) => h with { People = [.. h.People, new(e.PersonId, e.BeneficiaryNumber,
            e.Relationship, e.Personal, e.Sex, e.BirthYear, e.BirthDateEstimated, e.Student, e.SubsidyCategory, e.AddedOn)] },
        (Registered h, DependantRemoved e) => h.Update(e.PersonId, p => p with { RemovedOn = e.RemovedOn }),
        (Registered h, PersonDetailsCorrected e) => h.Update(e.PersonId, p => p with
        {
            Personal = e.Personal, Sex = e.Sex, BirthYear = e.BirthYear, BirthDateEstimated = e.BirthDateEstimated,
        }),
        (Registered h, PersonErased e) => h.Update(e.PersonId, p => p with { Personal = null }),
        (Registered h, PersonDied e) => h.Update(e.PersonId, p => p with { DiedOn = e.DiedOn }),
        (Registered h, HouseholdTransferredToNewMember e) =>
            h.Update(e.NewMemberId, p => p with { Relationship = Relationship.Member }) with { MemberId = e.NewMemberId },
        _ => state,
    };
}
