namespace MutualAdmin.Domain.Enrolment;

public interface IHouseholdCommand;

/// <summary>
/// E-4: what the platform found when it looked the person up across all tenants. The look-up is
/// I/O, so it comes in as data; the rule about what the findings mean stays here.
/// </summary>
public sealed record DuplicateCheck(bool NationalIdTaken, bool SimilarPersonFound, bool StaffConfirmedNotDuplicate)
{
    public static readonly DuplicateCheck Clear = new(false, false, false);
}

public sealed record RegisterMember(
    Guid HouseholdId, Guid PersonId, string BeneficiaryNumber, PersonalData Personal,
    string Sex, int BirthYear, bool BirthDateEstimated, string SubsidyCategory,
    Locality Locality, string OccupationCategory, DateOnly RegisteredOn, DuplicateCheck Duplicates,
    string? Collector = null, string? ExternalMemberReference = null) : IHouseholdCommand;

/// <param name="StaffConfirmedChildOlderThanMember">E-3: staff checked that a child born before the member is right.</param>
public sealed record AddDependant(
    Guid HouseholdId, Guid PersonId, string BeneficiaryNumber, PersonalData Personal,
    string Sex, int BirthYear, bool BirthDateEstimated, string SubsidyCategory,
    string Relationship, bool Student, DateOnly AddedOn, DuplicateCheck Duplicates,
    bool StaffConfirmedChildOlderThanMember = false) : IHouseholdCommand;

public sealed record RemoveDependant(Guid HouseholdId, Guid PersonId, string Reason, DateOnly RemovedOn) : IHouseholdCommand;

/// <summary>The details as they should read; <see cref="Duplicates"/> is the E-4 look-up of the new values.</summary>
public sealed record CorrectPersonDetails(
    Guid HouseholdId, Guid PersonId, PersonalData Personal, string Sex, int BirthYear, bool BirthDateEstimated,
    string Reason, DateOnly CorrectedOn, DuplicateCheck Duplicates, bool StaffConfirmedChildOlderThanMember = false) : IHouseholdCommand;

public sealed record ErasePerson(Guid HouseholdId, Guid PersonId, string Reason, DateOnly ErasedOn) : IHouseholdCommand;

public sealed record RecordDeath(Guid HouseholdId, Guid PersonId, DateOnly DiedOn) : IHouseholdCommand;

public sealed record TransferToNewMember(Guid HouseholdId, Guid NewMemberId, DateOnly TransferredOn) : IHouseholdCommand;
