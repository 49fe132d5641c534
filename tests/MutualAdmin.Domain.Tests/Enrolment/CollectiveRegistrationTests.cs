using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Domain.Tests.Enrolment;

public class CollectiveRegistrationTests
{
    static HouseholdRow Row(int n, string reference, string birth = "1979-04-02", string occupation = "agriculture") =>
        new(n, reference, $"Farmer {n}", "M", birth, null, null, "Kaolack", "Nioro", "Paoskoto", occupation, "standard", null);

    static CollectiveRegistrationPlan Plan(IReadOnlyList<HouseholdRow> rows, Func<string, bool> registered)
    {
        var sequence = 100;
        return CollectiveRegistration.Plan("coop-arachide", rows, new(2026, 10, 1), registered,
            _ => DuplicateCheck.Clear, () => BeneficiaryNumber.From(sequence++));
    }

    [Fact]
    public void E_10_each_row_is_validated_on_its_own_and_reported_with_its_number()
    {
        var plan = Plan([Row(2, "M-1"), Row(3, "M-2", birth: "02/04/1979"), Row(4, "M-3", occupation: "banking"), Row(5, "M-1")], _ => false);
        Assert.Equal(["M-1"], plan.ToRegister.Select(c => c.ExternalMemberReference));
        Assert.Equal([3, 4, 5], plan.Rejected.Select(r => r.RowNumber));
        Assert.StartsWith("occupationCategory", plan.Rejected[1].Reason);
        Assert.Equal(BeneficiaryNumber.From(100), plan.ToRegister[0].BeneficiaryNumber);
    }

    [Fact]
    public void E_10_re_uploading_the_same_file_registers_nobody_twice()
    {
        var first = Plan([Row(2, "M-1"), Row(3, "M-2")], _ => false);
        var again = Plan([Row(2, "M-1"), Row(3, "M-2")], reference => reference == "M-1");
        Assert.Equal([2], again.AlreadyRegistered);
        Assert.Equal(first.ToRegister[1].HouseholdId, again.ToRegister.Single().HouseholdId);
    }

    [Fact]
    public void E_1_E_10_a_row_born_in_the_future_or_over_120_years_ago_is_reported_with_its_number_and_field()
    {
        // Registered on 2026-10-01.
        var plan = Plan([Row(2, "M-1", birth: "2026-10-02"), Row(3, "M-2", birth: "1906-09-30"), Row(4, "M-3", birth: "2027"), Row(5, "M-4", birth: "2026-10-01")], _ => false);
        Assert.Equal([2, 3, 4], plan.Rejected.Select(r => r.RowNumber));
        Assert.Equal(["birthDate", "birthDate", "birthYear"], plan.Rejected.Select(r => r.Reason.Split(':')[0]));
        Assert.Equal(["M-4"], plan.ToRegister.Select(c => c.ExternalMemberReference));
    }
}
