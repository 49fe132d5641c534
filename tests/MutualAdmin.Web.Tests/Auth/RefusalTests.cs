using System.Net;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>A 403 says in its detail which callers may do what was refused, read from the endpoint's policy.</summary>
public sealed class RefusalTests(TestCluster cluster) : WebTest(cluster)
{
    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task An_officer_refused_the_approval_of_an_affiliation_is_told_it_is_for_a_manager()
    {
        await Mutual("thies", "enrolment-officer");
        var officer = await SignedIn("enrolment-officer@thies");

        var refused = await Problem(await officer.PostAsync($"/api/affiliations/{Guid.NewGuid()}/approval", null));

        Assert.Equal("https://mutualadmin.org/problems/forbidden", refused.GetProperty("type").GetString());
        Assert.Equal("POST /api/affiliations/{id:guid}/approval is for staff of the mutual with the role manager; your roles: enrolment-officer.",
            refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_refusal_names_every_role_the_endpoint_takes_and_the_fund_is_told_a_staff_path_is_for_staff()
    {
        await Mutual("kaolack", "auditor");
        var auditor = await SignedIn("auditor@kaolack");

        var payment = await Problem(await auditor.PostAsync($"/api/affiliations/{Guid.NewGuid()}/payments", null));
        Assert.Contains("with one of the roles cashier, manager", payment.GetProperty("detail").GetString());

        var fund = await Problem(await (await FundClient()).GetAsync("/api/members?q=Diop"));
        Assert.Matches("^GET /api/members/? is for staff of the mutual with one of the roles .*; you are a fund API client.$", fund.GetProperty("detail").GetString());
    }
}
