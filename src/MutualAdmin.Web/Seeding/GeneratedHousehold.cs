using MutualAdmin.Domain;
using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Web.Seeding;

/// <summary>A synthetic household: the member first, then the dependants (E-3), all sharing a locality.</summary>
public sealed record GeneratedHousehold(string HouseholdRef, Locality Locality, IReadOnlyList<GeneratedPerson> People)
{
    public GeneratedPerson Member => People[0];
}

/// <summary>
/// One synthetic person, in the terms of E-1. When <see cref="BirthYearEstimated"/>, only the year is
/// known and <see cref="BirthDate"/> is 1 January of it, the same convention as <see cref="Ages.AssumedBirthDate"/>.
/// </summary>
public sealed record GeneratedPerson(
    string ExternalMemberRef, string Role, string FullName, string Sex, DateOnly BirthDate, bool BirthYearEstimated,
    string? Phone, string? NationalId, string? Occupation, string SubsidyCategory, string? RegistryReference, bool Student)
{
    public int AgeOn(DateOnly date) => Ages.InYears(BirthDate, date);
}
