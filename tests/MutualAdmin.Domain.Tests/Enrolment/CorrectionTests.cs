using MutualAdmin.Domain.Enrolment;
using static MutualAdmin.Domain.Tests.Enrolment.People;

namespace MutualAdmin.Domain.Tests.Enrolment;

/// <summary>E-1 with A-1: details recorded wrongly are corrected by a new event that carries the reason.</summary>
public class CorrectionTests
{
    static readonly Spec<Household, IHouseholdCommand, IHouseholdEvent> Spec =
        new(Household.Initial, Household.Evolve, HouseholdDecider.Decide);

    static readonly DateOnly On = new(2026, 3, 2);
    static readonly PersonalData Corrected = Personal("Awa Ndiaye Sarr", new(1987, 5, 3), "1234567890123");

    static CorrectPersonDetails Correct(PersonalData personal, int birthYear = 1987, string reason = "birth certificate shown",
        DuplicateCheck? duplicates = null) =>
        new(HouseholdId, Awa, personal, "F", birthYear, false, reason, On, duplicates ?? DuplicateCheck.Clear);

    [Fact]
    public void E_1_a_correction_records_the_new_details_and_the_reason() =>
        Spec.Given(AwaRegistered).When(Correct(Corrected))
            .Then(new PersonDetailsCorrected(HouseholdId, Awa, Corrected, "F", 1987, false, "birth certificate shown", On));

    [Fact]
    public void E_1_the_corrected_details_replace_the_old_ones_in_the_household()
    {
        var household = HouseholdOf(AwaRegistered, new PersonDetailsCorrected(HouseholdId, Awa, Corrected, "F", 1987, false, "typo", On));
        var awa = household.Find(Awa)!;
        Assert.Equal(("Awa Ndiaye Sarr", 1987, new DateOnly(1987, 5, 3)), (awa.Personal!.FullName, awa.BirthYear, awa.BirthDate));
        Assert.Equal(Number(1), awa.BeneficiaryNumber);
    }

    [Fact]
    public void E_1_a_correction_needs_a_reason() =>
        Assert.Equal("reason", Spec.Given(AwaRegistered).When(Correct(Corrected, reason: " ")).ThenFails("E-1", "REQUIRED").Field);

    [Fact]
    public void E_1_the_same_details_again_change_nothing() =>
        Spec.Given(AwaRegistered).When(Correct(AwaRegistered.Personal, birthYear: 1988)).ThenNothing();

    [Fact]
    public void E_1_a_birth_date_that_contradicts_the_birth_year_is_refused() =>
        Assert.Equal("birthDate", Spec.Given(AwaRegistered).When(Correct(Corrected, birthYear: 1990)).ThenFails("E-1", "BIRTH_DATE_INCONSISTENT").Field);

    [Fact]
    public void E_4_a_national_id_registered_to_someone_else_is_refused() =>
        Spec.Given(AwaRegistered)
            .When(Correct(Corrected with { NationalId = "2999999999999" }, duplicates: new(true, false, false)))
            .ThenFails("E-4", "NATIONAL_ID_ALREADY_REGISTERED");

    [Fact]
    public void E_4_the_persons_own_national_id_is_not_a_duplicate_of_itself() =>
        Spec.Given(AwaRegistered).When(Correct(Corrected, duplicates: new(true, false, false)))
            .Then(new PersonDetailsCorrected(HouseholdId, Awa, Corrected, "F", 1987, false, "birth certificate shown", On));

    [Fact]
    public void E_1_an_unknown_person_cannot_be_corrected() =>
        Spec.Given(AwaRegistered).When(Correct(Corrected) with { PersonId = Moussa }).ThenFails("E-3", "PERSON_UNKNOWN");

    [Fact]
    public void E_1_personal_data_that_was_erased_cannot_be_corrected() =>
        Spec.Given(AwaRegistered with { Personal = null! }).When(Correct(Corrected)).ThenFails("E-1", "PERSONAL_DATA_ERASED");
}

/// <summary>Erasure of a person's personal data: the rest of the record stays.</summary>
public class ErasureTests
{
    static readonly Spec<Household, IHouseholdCommand, IHouseholdEvent> Spec =
        new(Household.Initial, Household.Evolve, HouseholdDecider.Decide);

    static readonly DateOnly On = new(2031, 1, 5);

    [Fact]
    public void E_1_erasure_is_recorded_with_its_reason_and_leaves_sex_birth_year_and_number()
    {
        Spec.Given(AwaRegistered).When(new ErasePerson(HouseholdId, Awa, "retention period over", On))
            .Then(new PersonErased(HouseholdId, Awa, "retention period over", On));
        var awa = HouseholdOf(AwaRegistered, new PersonErased(HouseholdId, Awa, "retention period over", On)).Find(Awa)!;
        Assert.Null(awa.Personal);
        Assert.Equal(("F", 1988, Number(1)), (awa.Sex, awa.BirthYear, awa.BeneficiaryNumber));
    }

    [Fact]
    public void E_1_erasing_again_records_nothing() =>
        Spec.Given(AwaRegistered, new PersonErased(HouseholdId, Awa, "retention", On)).When(new ErasePerson(HouseholdId, Awa, "again", On)).ThenNothing();

    [Fact]
    public void E_1_an_erasure_needs_a_reason() =>
        Spec.Given(AwaRegistered).When(new ErasePerson(HouseholdId, Awa, "", On)).ThenFails("E-1", "REQUIRED");
}
