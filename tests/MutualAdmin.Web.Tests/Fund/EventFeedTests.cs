using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Contributions;

namespace MutualAdmin.Web.Tests.Fund;

/// <summary>fund-api.md "Event feed": CloudEvents in position order, none skipped, none repeated, minimal personal data.</summary>
public sealed class EventFeedTests(TestCluster cluster) : ContributionsTest(cluster)
{
    private HttpClient fund = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        fund = await FundClient();
    }

    [Fact]
    public async Task Enrolment_activation_and_payments_reach_the_feed_as_cloud_events_of_the_contract()
    {
        var affiliated = await Affiliate(plan: "annual", people: 2, name: "Awa Diop");
        (await Pay(Cashier, affiliated.Affiliation, "R-FEED-1", 7000)).EnsureSuccessStatusCode();
        (await Reverse(Cashier, "R-FEED-1", "cheque bounced")).EnsureSuccessStatusCode();
        await CaughtUp();

        var response = await fund.GetAsync("/fund/v1/events?after=0");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/cloudevents-batch+json", response.Content.Headers.ContentType?.MediaType);
        var events = (await Json(response)).EnumerateArray().ToList();

        Assert.Equal(
            // The payment activates the affiliation (E-6) in the same unit of work, so it comes first.
            ["beneficiary.added", "beneficiary.added", "contribution.paid", "affiliation.activated", "contribution.reversed"],
            events.Select(e => e.GetProperty("type").GetString()!["org.mutualadmin.".Length..]).Where(t => !t.StartsWith("affiliation.suspended")));
        foreach (var e in events)
        {
            Assert.Equal("1.0", e.GetProperty("specversion").GetString());
            Assert.Equal("/mutualadmin/thies", e.GetProperty("source").GetString());
            Assert.Equal("application/json", e.GetProperty("datacontenttype").GetString());
            Assert.Matches("^[0-9]{20}$", e.GetProperty("position").GetString());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", e.GetProperty("time").GetString());
            Assert.True(Guid.TryParse(e.GetProperty("id").GetString(), out _));
        }
        var member = events[0];
        Assert.Equal(affiliated.Number, member.GetProperty("subject").GetString());
        // fund-api.md: the locality code. The test household names the district Mbour, the list Joal-Fadiouth: the commune decides.
        Assert.Equal(("F", "member", "TH-JOA-01"), (member.GetProperty("data").GetProperty("sex").GetString(),
            member.GetProperty("data").GetProperty("relationship").GetString(), member.GetProperty("data").GetProperty("locality").GetString()));
        var activated = events.Single(e => e.GetProperty("type").GetString() == "org.mutualadmin.affiliation.activated");
        Assert.Equal(affiliated.Number, activated.GetProperty("subject").GetString());
        Assert.Equal(affiliated.Affiliation.ToString(), activated.GetProperty("data").GetProperty("affiliationId").GetString());
        var paid = events.Single(e => e.GetProperty("type").GetString() == "org.mutualadmin.contribution.paid");
        Assert.Equal(7000, paid.GetProperty("data").GetProperty("amount").GetInt64());

        // Stable: the same event reads the same at every request.
        Assert.Equal(await (await fund.GetAsync("/fund/v1/events?after=0")).Content.ReadAsStringAsync(),
            await (await fund.GetAsync("/fund/v1/events?after=0")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_feed_carries_no_names_phone_numbers_or_free_text_reasons()
    {
        var registered = await Json(await Register(Officer, Household(Person("Ndeye Fatou Diallo", "SN-FEED-9", phone: "+221 77 123 45 67"),
            [Person("Mamadou Diallo", birthDate: "2016-02-02", relationship: "child")])));
        var household = registered.GetProperty("householdId").GetGuid();
        var child = registered.GetProperty("beneficiaries")[1].GetProperty("personId").GetGuid();
        (await Officer.PostAsJsonAsync($"/api/members/{household}/dependants/{child}/removal", new { reason = "moved in with Aminata Sow" }))
            .EnsureSuccessStatusCode();
        await CaughtUp();

        var feed = await (await fund.GetAsync("/fund/v1/events?after=0")).Content.ReadAsStringAsync();
        Assert.Contains("beneficiary.removed", feed);
        foreach (var secret in new[] { "Ndeye", "Diallo", "Mamadou", "123 45 67", "221771234567", "SN-FEED-9", "Aminata", "moved in" })
            Assert.DoesNotContain(secret, feed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_follow_positions_and_bad_parameters_are_problems_naming_the_field()
    {
        for (var i = 0; i < 3; i++) await Register(Officer, Household(Person($"Page {i}", birthDate: $"198{i}-01-01")));
        await CaughtUp();
        var all = (await Json(await fund.GetAsync("/fund/v1/events?after=0"))).EnumerateArray().Select(Position).ToList();
        Assert.Equal(3, all.Count);

        var second = (await Json(await fund.GetAsync($"/fund/v1/events?after={all[0]}&limit=1"))).EnumerateArray().Select(Position);
        Assert.Equal([all[1]], second);
        Assert.Empty((await Json(await fund.GetAsync($"/fund/v1/events?after={all[2]}"))).EnumerateArray());

        foreach (var (query, field) in new[] { ("after=-1", "after"), ("limit=0", "limit"), ("limit=1001", "limit"), ("wait=21", "wait"), ("after=abc", "after") })
        {
            var bad = await fund.GetAsync($"/fund/v1/events?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await Json(bad)).GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    [Fact]
    public async Task A_long_poll_returns_as_soon_as_an_event_arrives()
    {
        await Register(Officer, Household(Person("Before Poll")));
        await CaughtUp();
        var head = (await Json(await fund.GetAsync("/fund/v1/events?after=0"))).EnumerateArray().Select(Position).Max();

        var poll = fund.GetAsync($"/fund/v1/events?after={head}&wait=20");
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);
        await Register(Officer, Household(Person("During Poll")));

        var events = (await Json(await poll)).EnumerateArray().ToList();
        Assert.Single(events);
        Assert.True(Position(events[0]) > head);
    }

    [Fact]
    public async Task A_consumer_polling_while_16_writers_register_sees_every_event_once_in_order()
    {
        const int writers = 16, householdsEach = 4;
        var numbers = new ConcurrentBag<string>();
        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            for (var i = 0; i < householdsEach; i++)
            {
                var response = await Register(Officer, Household(Person($"Writer {w} household {i}", birthDate: $"19{50 + w}-0{i + 1}-15"),
                    [Person($"Writer {w} child {i}", birthDate: $"20{10 + w % 9}-0{i + 1}-15", relationship: "child")], confirmedNotDuplicate: true));
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                foreach (var b in (await Json(response)).GetProperty("beneficiaries").EnumerateArray())
                    numbers.Add(b.GetProperty("beneficiaryNumber").GetString()!);
            }
        }));

        var seen = new List<(long Position, string Subject, string Id)>();
        long after = 0;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (seen.Count < writers * householdsEach * 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the feed stopped short at {seen.Count} events");
            var page = (await Json(await fund.GetAsync($"/fund/v1/events?after={after}&limit=7&wait=5"))).EnumerateArray().ToList();
            foreach (var e in page)
            {
                seen.Add((Position(e), e.GetProperty("subject").GetString()!, e.GetProperty("id").GetString()!));
                after = Position(e);
            }
        }
        await writing;

        Assert.Equal(seen.Select(s => s.Position).Order(), seen.Select(s => s.Position));
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(numbers.Order(), seen.Select(s => s.Subject).Order());
        Assert.Empty((await Json(await fund.GetAsync($"/fund/v1/events?after={after}"))).EnumerateArray());
    }

    private static long Position(JsonElement e) => long.Parse(e.GetProperty("position").GetString()!);

    private Task CaughtUp() => Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
    [Fact]
    public async Task A_beneficiary_reaches_the_feed_with_the_locality_code_of_fund_api_not_a_name_path()
    {
        var member = Person("Seynabou Ndiaye", birthDate: "1990-10-10");
        var coded = await Register(Officer, new
        {
            member, locality = new { region = "Thiès", district = "Mbour", commune = "Saly Portudal" }, occupationCategory = "fishing",
            dependants = new[] { Person("Ibou Ndiaye", birthDate: "2018-01-05", relationship: "child") }, confirmedNotDuplicate = true,
        });
        Assert.True(coded.IsSuccessStatusCode, await coded.Content.ReadAsStringAsync());
        var unlisted = await Register(Officer, new
        {
            member = Person("Oumy Sarr", birthDate: "1992-11-11"), locality = new { region = "Thiès", district = "Mbour", commune = "Somone" },
            occupationCategory = "fishing", confirmedNotDuplicate = true,
        });
        Assert.True(unlisted.IsSuccessStatusCode, await unlisted.Content.ReadAsStringAsync());
        await CaughtUp();

        var added = (await Json(await fund.GetAsync("/fund/v1/events?after=0"))).EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "org.mutualadmin.beneficiary.added")
            .Select(e => e.GetProperty("data").GetProperty("locality")).ToList();
        // The member and the dependant (who lives in the member's household) carry the commune's code.
        Assert.Equal(["TH-MBO-02", "TH-MBO-02"], added.Take(2).Select(l => l.GetString()));
        // A commune the reference list does not know has no code: null, not its names.
        Assert.Equal(JsonValueKind.Null, added[2].ValueKind);
    }
}
