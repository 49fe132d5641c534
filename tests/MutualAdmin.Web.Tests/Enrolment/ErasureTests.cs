using System.Net;
using System.Net.Http.Json;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using Npgsql;

namespace MutualAdmin.Web.Tests.Enrolment;

/// <summary>Erasure of a person's personal data: gone from every table, the log still verifies.</summary>
public sealed class ErasureTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private static readonly string[] Traces = ["Zeynab", "Erasable", "SN-ERASE-77", "70 999 88 77", "221709998877", "1977-07-17"];

    [Fact]
    public async Task After_an_erasure_no_table_holds_the_persons_data_even_after_a_rebuild_and_the_chain_still_verifies()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var manager = await SignedIn("manager@thies");
        var registered = await Json(await Register(officer, Household(
            Person("Zeynab Erasable", "SN-ERASE-77", birthDate: "1977-07-17", phone: "+221 70 999 88 77"),
            [Person("Kept Dependant", birthDate: "2012-03-03", relationship: "child")])));
        var household = registered.GetProperty("householdId").GetGuid();
        var person = registered.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid();
        var projections = Service<ProjectionDaemon>();
        await projections.WaitForCatchUp(TimeSpan.FromSeconds(30));
        Assert.True(await Found("Zeynab") > 0, "the test must first see the data it then looks for");

        var erased = await manager.PostAsJsonAsync($"/api/members/{household}/people/{person}/erasure", new { reason = "retention period over" });
        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);

        var member = (await Json(await officer.GetAsync($"/api/members/{household}"))).GetProperty("beneficiaries")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Null, member.GetProperty("fullName").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, member.GetProperty("nationalId").ValueKind);
        Assert.Equal(("F", 1977), (member.GetProperty("sex").GetString(), member.GetProperty("birthYear").GetInt32()));

        await projections.Rebuild("member-register");
        await projections.WaitForRebuild("member-register", TimeSpan.FromSeconds(60));
        await projections.WaitForCatchUp(TimeSpan.FromSeconds(30));
        foreach (var trace in Traces) Assert.Equal(0, await Found(trace));
        Assert.Equal(1, await Found("Kept Dependant"));

        Assert.True((await Service<EventStore.EventStore>().VerifyChain("thies")).Intact);
        // The national ID is free again: its keyed hash went with the erasure.
        Assert.Equal(HttpStatusCode.Created, (await Register(officer, Household(Person("Someone Else", "SN-ERASE-77")))).StatusCode);
    }

    [Fact]
    public async Task The_affiliation_register_still_builds_after_an_erasure_and_keeps_the_person_without_their_name()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var manager = await SignedIn("manager@thies");
        var registered = await Json(await Register(officer, Household(Person("Zeynab Erasable", subsidy: "indigent", registry: "RSU-ERASE-1"))));
        var household = registered.GetProperty("householdId").GetGuid();
        var requested = await Json(await officer.PostAsJsonAsync($"/api/members/{household}/affiliations", new { channel = "individual", paymentPlan = "annual" }));
        (await manager.PostAsync($"/api/affiliations/{requested.GetProperty("affiliationId").GetGuid()}/approval", null)).EnsureSuccessStatusCode();
        var person = registered.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid();
        (await manager.PostAsJsonAsync($"/api/members/{household}/people/{person}/erasure", new { reason = "retention period over" })).EnsureSuccessStatusCode();

        // R-1 folds every household event, the erasure included (it once had no household id to fold by).
        var report = await Json(await manager.GetAsync($"/api/reports/affiliation-register/{DateTime.UtcNow:yyyy-MM}"));
        var row = Assert.Single(report.GetProperty("beneficiaries").EnumerateArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("name").ValueKind);
        Assert.Equal("F", row.GetProperty("sex").GetString());
    }

    [Fact]
    public async Task Only_managers_erase_and_a_reason_is_required()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        var registered = await Json(await Register(officer, Household(Person("Awa Diop"))));
        var path = $"/api/members/{registered.GetProperty("householdId").GetGuid()}/people/{registered.GetProperty("beneficiaries")[0].GetProperty("personId").GetGuid()}/erasure";

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync(path, new { reason = "asked" })).StatusCode);
        var noReason = await (await SignedIn("manager@thies")).PostAsJsonAsync(path, new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await Json(noReason)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(0, await Scalar("select count(*) from events where event_type = 'person-erased'"));
    }

    /// <summary>Rows of any table of the database whose text holds the value (every column, cast to text).</summary>
    private async Task<long> Found(string value)
    {
        var db = Service<NpgsqlDataSource>();
        var tables = new List<string>();
        await using (var list = db.CreateCommand("""
            select format('%I.%I', table_schema, table_name) from information_schema.tables
             where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
            """))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        long found = 0;
        foreach (var table in tables)
        {
            await using var count = db.CreateCommand($"select count(*) from {table} t where t::text ilike '%' || $1 || '%'");
            count.Parameters.Add(new() { Value = value });
            found += (long)(await count.ExecuteScalarAsync())!;
        }
        return found;
    }
}
