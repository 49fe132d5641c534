using MutualAdmin.Domain.Enrolment;
using static MutualAdmin.Domain.Tests.Enrolment.People;

namespace MutualAdmin.Domain.Tests.Enrolment;

/// <summary>
/// E-1, E-3: input that cannot be true is refused, judged against the command's own date (registered
/// 2026-01-01 here), never the clock: born tomorrow, more than 120 years ago, of a third sex, a child
/// born before the member unless staff confirm it.
/// </summary>
public class ImpossibleBirthTests
{
    static readonly Spec<Household, IHouseholdCommand, IHouseholdEvent> Spec =
        new(Household.Initial, Household.Evolve, HouseholdDecider.Decide);

    static RegisterMember AwaBorn(DateOnly birth) =>
        RegisterAwa() with { Personal = Personal("Awa Ndiaye", birth, "1234567890123"), BirthYear = birth.Year };

    static RegisterMember AwaBornIn(int year) =>
        RegisterAwa() with { Personal = Personal("Awa Ndiaye", default, "1234567890123") with { BirthDate = null }, BirthYear = year, BirthDateEstimated = true };

    [Fact]
    public void E_1_a_birth_date_in_the_future_is_refused() =>
        Assert.Equal("birthDate", Spec.Given().When(AwaBorn(RegisteredOn.AddDays(1))).ThenFails("E-1", "BIRTH_DATE_INVALID").Field);

    [Fact]
    public void E_1_a_birth_on_the_day_of_registration_is_accepted() =>
        Assert.Single(Spec.Given().When(AwaBorn(RegisteredOn)).Events);

    [Fact]
    public void E_1_a_birth_date_more_than_120_years_ago_is_refused()
    {
        Assert.Equal("birthDate", Spec.Given().When(AwaBorn(RegisteredOn.AddYears(-120).AddDays(-1))).ThenFails("E-1", "BIRTH_DATE_INVALID").Field);
        Assert.Single(Spec.Given().When(AwaBorn(RegisteredOn.AddYears(-120))).Events);
    }

    [Fact]
    public void E_1_a_birth_year_after_this_year_or_more_than_120_years_ago_is_refused()
    {
        Assert.Equal("birthYear", Spec.Given().When(AwaBornIn(2027)).ThenFails("E-1", "BIRTH_YEAR_INVALID").Field);
        Assert.Equal("birthYear", Spec.Given().When(AwaBornIn(1905)).ThenFails("E-1", "BIRTH_YEAR_INVALID").Field);
        Assert.Single(Spec.Given().When(AwaBornIn(2026)).Events);
        Assert.Single(Spec.Given().When(AwaBornIn(1906)).Events);
    }

    [Fact]
    public void E_1_a_dependant_born_after_the_day_they_are_added_is_refused() =>
        Assert.Equal("birthDate", Spec.Given(AwaRegistered).When(AddChild(Ibrahima, new(2026, 2, 2), new(2026, 2, 1)))
            .ThenFails("E-1", "BIRTH_DATE_INVALID").Field);

    [Fact]
    public void E_1_a_correction_to_a_birth_date_in_the_future_is_refused() =>
        Assert.Equal("birthDate", Spec.Given(AwaRegistered)
            .When(new CorrectPersonDetails(HouseholdId, Awa, Personal("Awa Ndiaye", new(2026, 3, 3), "1234567890123"), "F", 2026, false,
                "card misread", new(2026, 3, 2), DuplicateCheck.Clear))
            .ThenFails("E-1", "BIRTH_DATE_INVALID").Field);

    [Fact]
    public void E_1_a_person_who_has_since_turned_121_may_still_have_a_phone_corrected()
    {
        var registered = AwaRegistered with { Personal = AwaRegistered.Personal with { BirthDate = new(1906, 1, 1) }, BirthYear = 1906 };
        var phone = registered.Personal with { Phone = "+221 77 111 11 11" };
        Assert.Single(Spec.Given(registered)
            .When(new CorrectPersonDetails(HouseholdId, Awa, phone, "F", 1906, false, "new number", new(2027, 6, 1), DuplicateCheck.Clear)).Events);
    }

    [Theory]
    [InlineData("f")]
    [InlineData("X")]
    [InlineData("")]
    [InlineData("Female")]
    public void E_1_sex_is_F_or_M_and_anything_else_is_refused(string sex) =>
        Assert.Equal("sex", Spec.Given().When(RegisterAwa() with { Sex = sex }).ThenFails("E-1", "SEX_INVALID").Field);

    [Fact]
    public void E_3_a_child_born_before_the_member_is_refused() =>
        // The member born 2007-05-03, the child a day before.
        Assert.Equal("birthDate", Spec.Given(AwaRegisteredOn(new(2007, 5, 3))).When(AddChild(Ibrahima, new(2007, 5, 2), new(2026, 2, 1)))
            .ThenFails("E-3", "CHILD_OLDER_THAN_MEMBER").Field);

    [Fact]
    public void E_3_a_child_born_before_the_member_is_added_once_staff_confirm_it() =>
        Spec.Given(AwaRegisteredIn(2007)).When(AddChild(Ibrahima, new(2006, 6, 1), new(2026, 2, 1)) with { StaffConfirmedChildOlderThanMember = true })
            .Then(ChildAdded(Ibrahima, new(2006, 6, 1), new(2026, 2, 1)));

    [Fact]
    public void E_3_with_a_year_only_the_years_decide_and_a_spouse_may_be_older()
    {
        // The member's birth is estimated (2007): a child born in 2007 may well be younger, one of 2006 is not.
        Spec.Given(AwaRegisteredIn(2007)).When(AddChild(Ibrahima, new(2007, 1, 1), new(2026, 2, 1)))
            .Then(ChildAdded(Ibrahima, new(2007, 1, 1), new(2026, 2, 1)));
        Spec.Given(AwaRegisteredIn(2007)).When(AddChild(Ibrahima, new(2006, 12, 31), new(2026, 2, 1))).ThenFails("E-3", "CHILD_OLDER_THAN_MEMBER");
        Assert.Single(Spec.Given(AwaRegistered).When(AddChild(Ibrahima, new(1980, 1, 1), new(2026, 2, 1)) with { Relationship = Relationship.Spouse }).Events);
    }

    static MemberRegistered AwaRegisteredOn(DateOnly birth) => AwaRegistered with
    {
        Personal = AwaRegistered.Personal with { BirthDate = birth }, BirthYear = birth.Year,
    };

    static MemberRegistered AwaRegisteredIn(int year) => AwaRegistered with
    {
        Personal = AwaRegistered.Personal with { BirthDate = null }, BirthYear = year, BirthDateEstimated = true,
    };
}

/// <summary>E-3 on corrections: a birth corrected so that a child is born before the member needs the same confirmation.</summary>
public class ChildOlderCorrectionTests
{
    static readonly Spec<Household, IHouseholdCommand, IHouseholdEvent> Spec =
        new(Household.Initial, Household.Evolve, HouseholdDecider.Decide);

    static readonly DateOnly On = new(2026, 3, 2);
    // The member born 2007-05-03, her child 2008-01-01.
    static readonly MemberRegistered Member = AwaRegistered with { Personal = AwaRegistered.Personal with { BirthDate = new(2007, 5, 3) }, BirthYear = 2007 };
    static readonly DependantAdded Child = ChildAdded(Ibrahima, new(2008, 1, 1), RegisteredOn);

    static CorrectPersonDetails Correct(Guid person, PersonalData personal, string sex, bool confirmed = false) =>
        new(HouseholdId, person, personal, sex, personal.BirthDate!.Value.Year, false, "card shown", On, DuplicateCheck.Clear, confirmed);

    [Fact]
    public void E_3_a_childs_birth_corrected_to_before_the_members_is_refused_unless_confirmed()
    {
        var earlier = Child.Personal with { BirthDate = new(2007, 1, 1) };
        Assert.Equal("birthDate", Spec.Given(Member, Child).When(Correct(Ibrahima, earlier, "M")).ThenFails("E-3", "CHILD_OLDER_THAN_MEMBER").Field);
        Assert.Single(Spec.Given(Member, Child).When(Correct(Ibrahima, earlier, "M", confirmed: true)).Events);
    }

    [Fact]
    public void E_3_the_members_birth_corrected_to_after_a_childs_is_refused_but_a_phone_is_not()
    {
        Spec.Given(Member, Child).When(Correct(Awa, Member.Personal with { BirthDate = new(2008, 6, 1) }, "F")).ThenFails("E-3", "CHILD_OLDER_THAN_MEMBER");
        // A child confirmed older at the time stays confirmed when the member's phone is corrected.
        var confirmedOlder = ChildAdded(Ibrahima, new(2007, 1, 1), RegisteredOn);
        Assert.Single(Spec.Given(Member, confirmedOlder).When(Correct(Awa, Member.Personal with { Phone = "+221 77 111 11 11" }, "F")).Events);
    }
}
