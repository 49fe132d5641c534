using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Schemes;
using Npgsql;

namespace MutualAdmin.Web.Tests.Enrolment;

/// <summary>Households as an enrolment officer types them, and the few reads the tests assert on.</summary>
public abstract class EnrolmentTest(TestCluster cluster) : WebTest(cluster)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // S-2: an affiliation takes the waiting and grace periods of the CSU-BASE version in force on its request date.
        (await (await FundClient()).Publish(SchemeDocuments.Valid("CSU-BASE"))).EnsureSuccessStatusCode();
    }

    protected static object Person(string name, string? nationalId = null, string birthDate = "1985-04-12",
        string subsidy = "standard", string? registry = null, string? relationship = null, string? phone = null) => new
    {
        fullName = name, sex = "F", birthDate, phone, nationalId, subsidyCategory = subsidy,
        registryReference = registry, relationship,
    };

    protected static object Household(object member, object[]? dependants = null, bool confirmedNotDuplicate = false) => new
    {
        member,
        locality = new { region = "Thiès", district = "Mbour", commune = "Joal-Fadiouth" },
        occupationCategory = "fishing",
        dependants,
        confirmedNotDuplicate,
    };

    protected static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    protected static Task<HttpResponseMessage> Register(HttpClient client, object household) => client.PostAsJsonAsync("/api/members", household);

    protected async Task<long> Scalar(string sql)
    {
        await using var command = Service<NpgsqlDataSource>().CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
