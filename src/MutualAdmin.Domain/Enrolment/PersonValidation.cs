using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain.Enrolment;

/// <summary>The checks every new beneficiary passes, member or dependant (E-1, E-2, E-4, S-4).</summary>
static class PersonValidation
{
    /// <summary>E-1: nobody registered is older than this.</summary>
    public const int MaxAgeYears = 120;

    public static void Check(string number, PersonalData personal, string sex, int birthYear,
        string subsidyCategory, DuplicateCheck duplicates)
    {
        if (!BeneficiaryNumber.IsValid(number))
            throw new DomainError("E-2", "BENEFICIARY_NUMBER_INVALID", "bad check digit or format", "beneficiaryNumber");
        HouseholdDecider.Required(personal?.FullName, "E-1", "fullName");
        if (!Sex.All.Contains(sex)) throw new DomainError("E-1", "SEX_INVALID", "F or M", "sex");
        if (personal!.BirthDate is { } exact && exact.Year != birthYear)
            throw new DomainError("E-1", "BIRTH_DATE_INCONSISTENT", "birth year differs from birth date", "birthDate");
        if (!SubsidyCategory.All.Contains(subsidyCategory))
            throw new DomainError("E-1", "SUBSIDY_CATEGORY_UNKNOWN", "standard, indigent or none", "subsidyCategory");
        if (subsidyCategory == SubsidyCategory.Indigent && string.IsNullOrWhiteSpace(personal.RegistryReference))
            throw new DomainError("S-4", "REGISTRY_REFERENCE_REQUIRED", "an indigent beneficiary must be listed in the social registry", "registryReference");
        if (duplicates.NationalIdTaken)
            throw new DomainError("E-4", "NATIONAL_ID_ALREADY_REGISTERED", "this national ID is already registered", "nationalId");
        // Same name + birth date + locality may be two different people: staff decide, the rule asks.
        if (duplicates.SimilarPersonFound && !duplicates.StaffConfirmedNotDuplicate)
            throw new DomainError("E-4", "POSSIBLE_DUPLICATE", "a person with the same name, birth date and locality exists; confirm to register");
    }

    /// <summary>
    /// E-1: a birth is neither in the future nor more than 120 years ago. A year alone is judged as a
    /// year (not after this year, not before this year − 120), so an estimate is never refused for the
    /// day it does not state. Years compare as numbers first, so an absurd year never becomes a date.
    /// </summary>
    /// <param name="today">The command's date: a birth is judged against the day it is recorded.</param>
    public static void CheckBirth(DateOnly? exact, int birthYear, DateOnly today)
    {
        if (exact is { } date)
        {
            if (date > today)
                throw new DomainError("E-1", "BIRTH_DATE_INVALID", "a birth date cannot be in the future", "birthDate");
            if (date < today.AddYears(-MaxAgeYears))
                throw new DomainError("E-1", "BIRTH_DATE_INVALID", $"a birth date cannot be more than {MaxAgeYears} years ago", "birthDate");
        }
        else if (birthYear > today.Year)
            throw new DomainError("E-1", "BIRTH_YEAR_INVALID", "a birth year cannot be after this year", "birthYear");
        else if (birthYear < today.Year - MaxAgeYears)
            throw new DomainError("E-1", "BIRTH_YEAR_INVALID", $"a birth year cannot be more than {MaxAgeYears} years ago", "birthYear");
    }
}
