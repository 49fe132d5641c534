using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Claims;
using MutualAdmin.Web.Tests.Enrolment;
using MutualAdmin.Web.Tests.Schemes;

namespace MutualAdmin.Web.Tests.Contributions;

/// <summary>
/// A mutual with the CSU-BASE scheme published and households affiliated through the real API, and
/// the cashier's calls the contribution tests make.
/// </summary>
public abstract class ContributionsTest(TestCluster cluster) : EnrolmentTest(cluster)
{
    protected static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    protected HttpClient Cashier { get; private set; } = null!;
    protected HttpClient Officer { get; private set; } = null!;
    protected HttpClient Manager { get; private set; } = null!;
    /// <summary>The host's business clock; tests move it to act on another day (a request last month, claims later).</summary>
    protected ShiftedClock Clock { get; } = new();

    protected override void Configure(IWebHostBuilder host) =>
        host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies");
        Cashier = await SignedIn("cashier@thies");
        Officer = await SignedIn("enrolment-officer@thies");
        Manager = await SignedIn("manager@thies");
    }

    public sealed record Affiliated(Guid Household, Guid Affiliation, string Number);

    /// <summary>
    /// A requested and approved affiliation of a household of standard-subsidy people (3500 each to
    /// pay per year): pending until its first instalment is paid (E-6). <paramref name="requestedOn"/>
    /// registers and requests it on an earlier day, so payments can be dated back to then (K-4).
    /// </summary>
    protected async Task<Affiliated> Affiliate(string plan = "quarterly", int people = 1, Guid? agreement = null, string name = "Awa Diop",
        DateOnly? requestedOn = null)
    {
        var offset = Clock.Offset;
        if (requestedOn is { } day) Clock.Offset = day.ToDateTime(TimeOnly.MinValue) - Today.ToDateTime(TimeOnly.MinValue);
        try { return await Affiliating(plan, people, agreement, name); }
        finally { Clock.Offset = offset; }
    }

    private async Task<Affiliated> Affiliating(string plan, int people, Guid? agreement, string name)
    {
        var dependants = Enumerable.Range(1, people - 1)
            .Select(i => Person($"{name} child {i}", birthDate: $"201{i}-06-01", relationship: "child")).ToArray();
        var registered = await Json(await Register(Officer, Household(Person(name, birthDate: $"19{Random.Shared.Next(50, 99)}-0{Random.Shared.Next(1, 9)}-1{Random.Shared.Next(0, 9)}"),
            dependants.Length > 0 ? dependants : null, confirmedNotDuplicate: true)));
        var household = registered.GetProperty("householdId").GetGuid();
        var requested = await Officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            agreement is { } a ? new { channel = "group", paymentPlan = plan, groupAgreementId = a } : (object)new { channel = "individual", paymentPlan = plan });
        var affiliation = (await Json(requested)).GetProperty("affiliationId").GetGuid();
        (await Manager.PostAsync($"/api/affiliations/{affiliation}/approval", null)).EnsureSuccessStatusCode();
        return new(household, affiliation, registered.GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString()!);
    }

    protected static Task<HttpResponseMessage> Pay(HttpClient client, Guid affiliation, string receipt, long amount,
        string method = "cash", DateOnly? paidOn = null) =>
        client.PostAsJsonAsync($"/api/affiliations/{affiliation}/payments", new { receipt, amount, method, paidOn });

    protected static Task<HttpResponseMessage> Reverse(HttpClient client, string receipt, string reason, DateOnly? reversedOn = null) =>
        client.PostAsJsonAsync("/api/payments/reversal", new { receipt, reason, reversedOn });

    protected async Task<JsonElement> Statement(Guid affiliation, DateOnly? asOf = null) =>
        await Json(await Cashier.GetAsync($"/api/affiliations/{affiliation}/account{(asOf is { } d ? $"?asOf={d:yyyy-MM-dd}" : "")}"));

    protected static long[] Paid(JsonElement statement) =>
        [.. statement.GetProperty("instalments").EnumerateArray().Select(i => i.GetProperty("memberPaid").GetInt64())];

    protected async Task<string> Eligibility(string number, DateOnly date) =>
        (await Json(await Cashier.GetAsync($"/api/eligibility?beneficiary={number}&date={date:yyyy-MM-dd}"))).GetProperty("state").GetString()!;
}
