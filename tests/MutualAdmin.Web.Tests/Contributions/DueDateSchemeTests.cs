using System.Net.Http.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Schemes;

namespace MutualAdmin.Web.Tests.Contributions;

/// <summary>S-2 for contributions: each due is computed under the scheme version in force on its due date.</summary>
public sealed class DueDateSchemeTests(TestCluster cluster) : ContributionsTest(cluster)
{
    [Fact]
    public async Task S_2_K_1_a_dependant_added_under_a_later_version_is_called_at_that_versions_contribution()
    {
        var a = await Affiliate("annual"); // requested today under the version from 2026-01-01: 7000 a beneficiary
        await Pay(Cashier, a.Affiliation, "R-0701", 3500); // activated today: the coverage year starts today
        // A version in force from next month raises the contribution; the account's own stays as it was.
        (await (await FundClient()).Publish(SchemeDocuments.Valid("CSU-BASE", Today.AddMonths(1).ToString("yyyy-MM-dd"))
            .With(s => s["contributionPerBeneficiary"] = 9600))).EnsureSuccessStatusCode();

        // Added at the start of the third coverage month, ten months left: round(9600 × 10 / 12) = 8000 (not 5833 at 7000).
        Clock.Offset = Today.AddMonths(2).ToDateTime(TimeOnly.MinValue) - Today.ToDateTime(TimeOnly.MinValue);
        var added = await Officer.PostAsync($"/api/members/{a.Household}/dependants", JsonContent.Create(
            new { dependant = Person("Ali Diop", birthDate: "2020-01-01", relationship: "child"), confirmedNotDuplicate = true }));
        Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());

        var statement = await Statement(a.Affiliation);
        Assert.Equal(7000 + 8000, statement.GetProperty("totalDue").GetInt64());
        var call = statement.GetProperty("instalments").EnumerateArray().Last();
        Assert.Equal(Clock.Today.ToString("yyyy-MM-dd"), call.GetProperty("dueOn").GetString());
        Assert.Equal(4000, call.GetProperty("memberShare").GetInt64()); // K-2: the standard subsidy is half
    }
}
