using System.Net;
using System.Text.Json;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Tests.Audit;

/// <summary>A-3, A-4: the auditor's verification finds a corrupted projection row and an edited event, and passes otherwise.</summary>
public sealed class VerificationTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    [Fact]
    public async Task A_clean_log_passes_then_a_projection_row_and_an_event_changed_by_sql_are_named()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var auditor = await SignedIn("auditor@thies");
        for (var i = 0; i < 3; i++)
            await Register(officer, Household(Person($"Verified {i}", birthDate: $"198{i}-02-02"), [Person($"Child {i}", birthDate: "2015-05-05", relationship: "child")]));
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));

        var clean = await Verify(auditor);
        Assert.Equal("passed", clean.GetProperty("state").GetString());
        Assert.Contains("PASSED", clean.GetProperty("summary").GetString());
        Assert.True(clean.GetProperty("result").GetProperty("chain").GetProperty("eventsChecked").GetInt64() >= 6);

        await Sql("update member_register set full_name = 'Forged Name' where full_name = 'Verified 1'");
        var projection = await Verify(auditor);
        Assert.Equal("failed", projection.GetProperty("state").GetString());
        var register = projection.GetProperty("result").GetProperty("projections").EnumerateArray()
            .Single(p => p.GetProperty("projection").GetString() == "member-register");
        var sides = register.GetProperty("differences").EnumerateArray().ToList();
        Assert.Contains(sides, d => d.GetProperty("side").GetString() == "live only" && d.GetProperty("row").GetString()!.Contains("Forged Name"));
        Assert.Contains(sides, d => d.GetProperty("side").GetString() == "replay only" && d.GetProperty("row").GetString()!.Contains("Verified 1"));
        Assert.All(sides, d => Assert.Equal("member_register", d.GetProperty("table").GetString()));

        var edited = await Scalar("select min(seq) + 2 from events where tenant_id = 'thies'");
        await Sql($"update mt_events set data = jsonb_set(data, '{{birthYear}}', '1900') where seq_id = (select seq_id from event_chain where position = {edited})");
        var chain = await Verify(auditor);
        Assert.Equal(edited, chain.GetProperty("result").GetProperty("chain").GetProperty("firstBreak").GetProperty("position").GetInt64());
        Assert.Contains($"BROKEN at position {edited}", chain.GetProperty("summary").GetString());
    }

    private async Task<JsonElement> Verify(HttpClient auditor)
    {
        var started = await auditor.PostAsync("/api/audit/verifications", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await Json(await auditor.GetAsync(location));
            if (run.GetProperty("state").GetString() != "running") return run;
            Assert.True(DateTime.UtcNow < deadline, "the verification did not finish in 60 s");
            await Task.Delay(200);
        }
    }

    private async Task Sql(string sql)
    {
        await using var command = Service<NpgsqlDataSource>().CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
