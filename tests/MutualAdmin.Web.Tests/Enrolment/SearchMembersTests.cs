using System.Net;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Enrolment;

public sealed class SearchMembersTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    [Fact]
    public async Task Members_are_found_by_name_prefix_number_national_id_and_phone_within_the_mutual()
    {
        await Mutual("thies");
        await Mutual("kaolack");
        var officer = await SignedIn("enrolment-officer@thies");
        var awa = await Json(await Register(officer, Household(Person("Awa Diop", "SN-1", phone: "+221 77 000 00 01"),
            [Person("Moussa Diop", birthDate: "2015-06-01", relationship: "child")])));
        await Register(officer, Household(Person("Fatou Sow", "SN-2")));
        await Register(await SignedIn("enrolment-officer@kaolack"), Household(Person("Aminata Diop", "SN-3")));
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        var moussa = awa.GetProperty("beneficiaries")[1].GetProperty("beneficiaryNumber").GetString();

        async Task<List<string>> Names(string query) =>
            [.. (await Json(await officer.GetAsync($"/api/members?{query}"))).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()!)];

        Assert.Equal(["Awa Diop", "Moussa Diop"], await Names("name=dio"));
        Assert.Equal(["Awa Diop"], await Names("name=AWA"));
        Assert.Equal(["Moussa Diop"], await Names($"beneficiaryNumber={moussa}"));
        Assert.Equal(["Fatou Sow"], await Names("nationalId=sn-2"));
        Assert.Equal(["Awa Diop"], await Names("phone=221770000001"));
        Assert.Empty(await Names("nationalId=SN-3"));

        var page = await Json(await officer.GetAsync("/api/members?pageSize=2&page=2"));
        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Single(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task E_2_a_searched_beneficiary_number_with_a_bad_check_digit_is_a_400()
    {
        await Mutual("thies");
        var response = await (await SignedIn("enrolment-officer@thies")).GetAsync("/api/members?beneficiaryNumber=000000000011");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("beneficiaryNumber", out _));
    }
}
