using MutualAdmin.Domain.Enrolment;
using static MutualAdmin.Domain.Tests.Enrolment.People;

namespace MutualAdmin.Domain.Tests.Enrolment;

public class HouseholdTests
{
    static readonly Spec<Household, IHouseholdCommand, IHouseholdEvent> Spec =
        new(Household.Initial, Household.Evolve, HouseholdDecider.Decide);

    [Fact]
    public void E_1_member_is_registered_with_personal_data_in_its_own_record() =>
        Spec.Given().When(RegisterAwa()).Then(AwaRegistered);

    [Fact]
    public void E_1_registering_the_same_member_again_is_already_done() =>
        Spec.Given(AwaRegistered).When(RegisterAwa()).ThenNothing();

    [Fact]
    public void E_1_unknown_occupation_is_refused() =>
        Assert.Equal("occupationCategory", Spec.Given().When(RegisterAwa() with { OccupationCategory = "banking" }).ThenFails("E-1").Field);

    [Fact]
    public void E_1_birth_year_only_is_accepted_as_estimated() =>
        Spec.Given().When(RegisterAwa() with { Personal = Personal("Awa Ndiaye", default) with { BirthDate = null }, BirthDateEstimated = true })
            .Then(AwaRegistered with { Personal = Personal("Awa Ndiaye", default) with { BirthDate = null }, BirthDateEstimated = true });

    [Fact]
    public void E_2_beneficiary_number_with_a_bad_check_digit_is_refused() =>
        Spec.Given().When(RegisterAwa() with { BeneficiaryNumber = "000000000010" }).ThenFails("E-2", "BENEFICIARY_NUMBER_INVALID");

    [Fact]
    public void E_4_national_id_registered_in_any_tenant_is_refused() =>
        Spec.Given().When(RegisterAwa(duplicates: new(true, false, false))).ThenFails("E-4", "NATIONAL_ID_ALREADY_REGISTERED");

    [Fact]
    public void E_4_same_name_birth_date_and_locality_needs_staff_confirmation() =>
        Spec.Given().When(RegisterAwa(duplicates: new(false, true, false))).ThenFails("E-4", "POSSIBLE_DUPLICATE");

    [Fact]
    public void E_4_a_similar_person_confirmed_by_staff_is_registered() =>
        Spec.Given().When(RegisterAwa(duplicates: new(false, true, true))).Then(AwaRegistered);

    [Fact]
    public void S_4_an_indigent_member_needs_a_registry_reference() =>
        Spec.Given().When(RegisterAwa("indigent")).ThenFails("S-4", "REGISTRY_REFERENCE_REQUIRED");

    [Fact]
    public void E_3_a_child_under_21_is_added() =>
        Spec.Given(AwaRegistered).When(AddChild(Ibrahima, new(2010, 6, 1), new(2026, 2, 1)))
            .Then(ChildAdded(Ibrahima, new(2010, 6, 1), new(2026, 2, 1)));

    [Fact]
    public void E_3_a_child_of_21_is_refused() =>
        Spec.Given(AwaRegistered).When(AddChild(Ibrahima, new(2005, 1, 31), new(2026, 2, 1))).ThenFails("E-3", "DEPENDANT_TOO_OLD");

    [Fact]
    public void E_3_a_student_of_24_is_added() =>
        Spec.Given(AwaRegistered).When(AddChild(Ibrahima, new(2002, 1, 1), new(2026, 2, 1), student: true))
            .Then(ChildAdded(Ibrahima, new(2002, 1, 1), new(2026, 2, 1), student: true));

    [Fact]
    public void E_3_an_eleventh_beneficiary_is_refused()
    {
        var nine = Enumerable.Range(10, 9).Select(i => (IHouseholdEvent)ChildAdded(Guid.NewGuid(), new(2015, 1, 1), RegisteredOn, sequence: i));
        Spec.Given([AwaRegistered, .. nine]).When(AddChild(Ibrahima, new(2016, 1, 1), RegisteredOn)).ThenFails("E-3", "HOUSEHOLD_FULL");
    }

    [Fact]
    public void E_3_a_removed_dependant_frees_a_place()
    {
        var nine = Enumerable.Range(10, 9).Select(i => (IHouseholdEvent)ChildAdded(StableId.From("p", $"{i}"), new(2015, 1, 1), RegisteredOn, sequence: i));
        Spec.Given([AwaRegistered, .. nine, new DependantRemoved(HouseholdId, StableId.From("p", "10"), "married", RegisteredOn)])
            .When(AddChild(Ibrahima, new(2016, 1, 1), RegisteredOn)).Then(ChildAdded(Ibrahima, new(2016, 1, 1), RegisteredOn));
    }

    [Fact]
    public void E_9_after_the_members_death_a_dependant_becomes_the_member() =>
        Spec.Given(AwaRegistered, MoussaAdded, new PersonDied(HouseholdId, Awa, new(2026, 6, 1)))
            .When(new TransferToNewMember(HouseholdId, Moussa, new(2026, 6, 10)))
            .Then(new HouseholdTransferredToNewMember(HouseholdId, Moussa, new(2026, 6, 10)));

    [Fact]
    public void E_9_the_household_is_not_transferred_while_the_member_lives() =>
        Spec.Given(AwaRegistered, MoussaAdded).When(new TransferToNewMember(HouseholdId, Moussa, new(2026, 6, 10)))
            .ThenFails("E-9", "MEMBER_ALIVE");

    [Fact]
    public void E_9_the_member_is_not_removed_as_a_dependant() =>
        Spec.Given(AwaRegistered).When(new RemoveDependant(HouseholdId, Awa, "left", new(2026, 6, 1))).ThenFails("E-9");
}
