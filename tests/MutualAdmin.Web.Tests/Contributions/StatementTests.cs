using System.Net;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Contributions;

public sealed class StatementTests(TestCluster cluster) : ContributionsTest(cluster)
{
    [Fact]
    public async Task K_1_K_2_K_3_the_statement_of_an_unpaid_affiliation_shows_its_dues_without_writing_anything()
    {
        var a = await Affiliate("quarterly", people: 3);

        var statement = await Statement(a.Affiliation);

        // Three standard beneficiaries: 21000 due, 10500 the members' share in quarters of 2625, the first due today.
        Assert.Equal(21000, statement.GetProperty("totalDue").GetInt64());
        Assert.Equal([2625L, 2625, 2625, 2625], statement.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("memberShare").GetInt64()));
        Assert.Equal(Today.ToString("yyyy-MM-dd"), statement.GetProperty("instalments")[0].GetProperty("dueOn").GetString());
        Assert.Equal(0, await Scalar("select count(*) from events where event_type like 'contribution%'"));
        // Whose account it is, for a cashier who reached it from the arrears list.
        Assert.Equal(a.Household, statement.GetProperty("householdId").GetGuid());
        Assert.False(string.IsNullOrEmpty(statement.GetProperty("memberName").GetString()));
        Assert.False(string.IsNullOrEmpty(statement.GetProperty("memberNumber").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await Cashier.GetAsync($"/api/affiliations/{Guid.NewGuid()}/account")).StatusCode);
    }

    [Fact]
    public async Task K_1_a_dependant_added_after_the_request_is_called_on_the_next_use_of_the_account()
    {
        var a = await Affiliate("annual");
        await Pay(Cashier, a.Affiliation, "R-0601", 3500);
        var added = await Officer.PostAsync($"/api/members/{a.Household}/dependants", System.Net.Http.Json.JsonContent.Create(
            new { dependant = Person("Ali Diop", birthDate: "2020-01-01", relationship: "child"), confirmedNotDuplicate = true }));
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());

        await Pay(Cashier, a.Affiliation, "R-0602", 1000);

        // Activated today, so the new child is due the full year prorated from today: 12 months left, 7000, 3500 to pay.
        var statement = await Statement(a.Affiliation);
        Assert.Equal(14000, statement.GetProperty("totalDue").GetInt64());
        Assert.Equal([3500L, 1000], Paid(statement));
    }
    [Fact]
    public async Task K_3_the_account_lists_its_instalments_by_number_also_when_a_later_one_falls_due_earlier()
    {
        var a = await Affiliate("quarterly");
        await Pay(Cashier, a.Affiliation, "R-0701", 875);
        var added = await Officer.PostAsync($"/api/members/{a.Household}/dependants", System.Net.Http.Json.JsonContent.Create(
            new { dependant = Person("Modou Diop", birthDate: "2021-03-03", relationship: "child"), confirmedNotDuplicate = true }));
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        await Pay(Cashier, a.Affiliation, "R-0702", 500);

        // The child's share (instalment 5) is due today, before quarters 2 to 4; the list keeps the plan's numbering.
        var instalments = (await Statement(a.Affiliation)).GetProperty("instalments").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], instalments.Select(i => i.GetProperty("number").GetInt32()));
        Assert.Equal(Today.ToString("yyyy-MM-dd"), instalments[4].GetProperty("dueOn").GetString());
    }
}
