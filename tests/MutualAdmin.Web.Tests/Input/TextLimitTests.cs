using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using MutualAdmin.Testing;
using MutualAdmin.Web.Input;
using MutualAdmin.Web.Tests.Enrolment;

namespace MutualAdmin.Web.Tests.Input;

/// <summary>
/// Text that would poison a projection (a NUL PostgreSQL's text refuses) or bloat it for ever (a name of
/// 100,000 characters) is refused at the edge with a 400 naming the field, before anything is written.
/// </summary>
public sealed class TextLimitTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private static readonly Guid Some = Guid.Parse("0d000000-0000-4000-8000-000000000001");

    private long written;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies");
        written = await Scalar("select count(*) from events"); // the scheme's publication
    }

    private static async Task<string> Refused(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), body);
        return reasons[0].GetString()!;
    }

    [Fact]
    public async Task A_name_with_a_NUL_or_of_100000_characters_is_refused_and_nothing_is_written()
    {
        var officer = await SignedIn("enrolment-officer@thies");

        var nul = await Register(officer, Household(Person("Nul\u0000Name")));
        var endless = await Register(officer, Household(Person(new string('a', 100_000))));
        var tab = await Register(officer, Household(Person("Awa Diop"), [Person("Ibou\tDiop", birthDate: "2015-01-01", relationship: "child")]));

        Assert.StartsWith("TEXT_CONTROL_CHARACTER", await Refused(nul, "member.fullName"));
        Assert.StartsWith("TEXT_TOO_LONG: at most 200", await Refused(endless, "member.fullName"));
        Assert.StartsWith("TEXT_CONTROL_CHARACTER", await Refused(tab, "dependants[0].fullName"));
        Assert.Equal(written, await Scalar("select count(*) from events"));
    }

    [Fact]
    public async Task A_reason_may_run_over_several_lines_but_holds_no_other_control_character()
    {
        var officer = await SignedIn("enrolment-officer@thies");
        var registered = await Json(await Register(officer, Household(Person("Awa Ndiaye"))));
        var (household, awa) = (registered.GetProperty("householdId").GetGuid(), registered.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid());
        var events = await Scalar("select count(*) from events");

        var bell = await officer.PostAsJsonAsync($"/api/members/{household}/people/{awa}/correction", new { reason = "typo\u0007", fullName = "Awa Ndiaye Sarr" });
        Assert.StartsWith("TEXT_CONTROL_CHARACTER", await Refused(bell, "reason"));
        Assert.Equal(events, await Scalar("select count(*) from events"));

        var lines = await officer.PostAsJsonAsync($"/api/members/{household}/people/{awa}/correction",
            new { reason = "birth certificate shown:\r\n\tname spelt Sarr", fullName = "Awa Ndiaye Sarr" });
        Assert.Equal(HttpStatusCode.NoContent, lines.StatusCode);
    }

    public static TheoryData<string> Commands =>
    [
        "register", "affiliate", "add-dependant", "remove-dependant", "correct", "erase", "terminate", "pay", "reverse", "bulk-pay",
        "remit", "claim", "review", "prepare-batch", "pay-batch", "create-user", "import",
    ];

    /// <summary>One bad text in each staff command's input: the refusal comes before the command looks anything up.</summary>
    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_text_field_of_every_staff_command_has_a_limit_and_refuses_control_characters(string command)
    {
        var long65 = new string('x', 65);
        var (role, path, body, field) = command switch
        {
            "register" => ("enrolment-officer", "/api/members", (object)new
            {
                member = new { fullName = "Awa", sex = "F", birthDate = "1980-01-01", subsidyCategory = "standard" },
                locality = new { region = "Thiès", district = "Mbour\u0000", commune = "Joal" }, occupationCategory = "trade",
            }, "locality.district"),
            "affiliate" => ("enrolment-officer", $"/api/members/{Some}/affiliations", new { channel = "individual\u0000", paymentPlan = "annual" }, "channel"),
            "add-dependant" => ("enrolment-officer", $"/api/members/{Some}/dependants",
                new { dependant = new { fullName = "Ibou", sex = "M", birthDate = "2015-01-01", subsidyCategory = "standard", phone = new string('1', 33) } },
                "dependant.phone"),
            "remove-dependant" => ("enrolment-officer", $"/api/members/{Some}/dependants/{Some}/removal", new { reason = "left\u0000" }, "reason"),
            "correct" => ("enrolment-officer", $"/api/members/{Some}/people/{Some}/correction", new { reason = "typo", nationalId = long65 }, "nationalId"),
            "erase" => ("manager", $"/api/members/{Some}/people/{Some}/erasure", new { reason = new string('r', 2001) }, "reason"),
            "terminate" => ("manager", $"/api/affiliations/{Some}/termination", new { cause = "request", reason = "moved\u001b" }, "reason"),
            "pay" => ("cashier", $"/api/affiliations/{Some}/payments", new { receipt = "R\u0000", amount = 1, method = "cash" }, "receipt"),
            "reverse" => ("cashier", "/api/payments/reversal", new { receipt = "R-1", reason = "bounced\u0000" }, "reason"),
            "bulk-pay" => ("cashier", $"/api/group-agreements/{Some}/payments?reference={long65}&amount=1", null, "reference"),
            "remit" => ("cashier", "/api/remittances", new { period = "2026-01\u0000" }, "period"),
            "claim" => ("claims-officer", "/api/claims", new
            {
                providerId = "hc-joal", providerClaimReference = long65, beneficiaryNumber = "1", visitType = "outpatient",
                serviceDate = "2026-01-01", mainDiagnosis = "A09", lines = new[] { new { tariffCode = "CONS", quantity = 1, claimedUnitPrice = 1 } },
            }, "providerClaimReference"),
            "review" => ("medical-reviewer", $"/api/claims/{Some}/review", new { rejectClaim = true, justification = "no\u0000" }, "justification"),
            "prepare-batch" => ("claims-officer", "/api/payment-batches", new { providerId = "hc\u0000" }, "providerId"),
            "pay-batch" => ("manager", $"/api/payment-batches/{Some}/payment", new { bankReference = long65 }, "bankReference"),
            "create-user" => ("admin", "/api/admin/users", new { username = "u1", displayName = "D\u0000", password = "0123456789ab", roles = new[] { "cashier" } },
                "displayName"),
            "import" => ("enrolment-officer", $"/api/collectors/{long65}/households", null, "collector"),
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
        var client = await SignedIn($"{role}@thies");

        var response = await client.PostAsync(path, body is null ? new StringContent("", Encoding.UTF8, "text/csv") : JsonContent.Create(body));

        Assert.StartsWith("TEXT_", await Refused(response, field));
        Assert.Equal(written, await Scalar("select count(*) from events"));
    }

    [Fact]
    public void Every_staff_command_endpoint_checks_its_text()
    {
        var commands = Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)
                && !e.RoutePattern.RawText.StartsWith("/api/auth/", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(commands);
        Assert.Empty(commands.Where(e => e.Metadata.GetMetadata<TextLimited>() is null).Select(e => e.RoutePattern.RawText));
    }
}
