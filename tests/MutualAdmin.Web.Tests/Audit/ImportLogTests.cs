using System.Text.Json;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Log;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Enrolment;

namespace MutualAdmin.Web.Tests.Audit;

/// <summary>
/// Issue 21 §7: the audit export is a restore path. A mutual's export loads into an empty database
/// with its positions, versions, metadata and hashes, and the chain verifies; a changed line loads
/// nothing.
/// </summary>
public sealed class ImportLogTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    private readonly TestCluster targets = cluster;
    private const string Everything = "from=2000-01-01&to=9999-12-31";

    [Fact]
    public async Task An_export_loads_into_an_empty_database_keeping_order_metadata_and_hashes()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        for (var i = 0; i < 3; i++)
            await Register(officer, Household(Person($"Restored {i}", $"SN-RST-{i}", birthDate: $"198{i}-02-02"),
                [Person($"Child {i}", birthDate: "2015-05-05", relationship: "child")]));
        var export = await (await (await SignedIn("auditor@thies")).GetAsync($"/api/audit/export?{Everything}")).Content.ReadAsStringAsync();
        var exported = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        var target = await EmptyStore();
        var loaded = await LogImport.Load(target, new StringReader(export));

        Assert.Equal(("thies", (long)exported.Count), (loaded.Tenant, loaded.Events));
        Assert.True((await target.VerifyChain("thies")).Intact);
        var read = await target.CrossTenant.WithSealedPartsClosed().ReadAllAfter(0, 1000);
        Assert.Equal(exported.Select(e => e.GetProperty("position").GetInt64()), read.Select(e => e.Position));
        Assert.Equal(exported.Select(e => (e.GetProperty("stream").GetString(), e.GetProperty("version").GetInt64(), e.GetProperty("type").GetString())),
            read.Select(e => ((string?)e.StreamKey, e.Version, (string?)e.Type)));
        var original = Service<EventStore.EventStore>();
        var before = await original.ReaderFor("thies").WithSealedPartsClosed().ReadAllAfter(0, 1000);
        Assert.Equal(before.Where(e => e.Tenant == "thies").Select(e => e.Metadata), read.Select(e => e.Metadata));

        // A second load of the same mutual is refused: its events are there already.
        await Assert.ThrowsAsync<LogImportException>(() => LogImport.Load(target, new StringReader(export)));
    }

    [Fact]
    public async Task A_changed_line_is_refused_at_its_line_and_nothing_is_loaded()
    {
        await Mutual("thies");
        await Register(await SignedIn("enrolment-officer@thies"), Household(Person("Tampered Export", birthDate: "1975-03-03")));
        var lines = (await (await (await SignedIn("auditor@thies")).GetAsync($"/api/audit/export?{Everything}")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var edited = System.Text.Json.Nodes.JsonNode.Parse(lines[1])!;
        edited["data"] = edited["data"]!.GetValue<string>().Replace("\"sex\": \"F\"", "\"sex\": \"M\"");
        var changed = string.Join('\n', lines.Select((l, i) => i == 1 ? edited.ToJsonString() : l));
        Assert.NotEqual(string.Join('\n', lines), changed);

        var target = await EmptyStore();
        var refused = await Assert.ThrowsAsync<LogImportException>(() => LogImport.Load(target, new StringReader(changed)));
        Assert.Equal(2, refused.Line);
        Assert.Empty(await target.CrossTenant.WithSealedPartsClosed().ReadAllAfter(0, 10));
    }

    /// <summary>A migrated database with no event, with the host's event types.</summary>
    private async Task<EventStore.EventStore> EmptyStore()
    {
        var connectionString = await targets.CreateDatabase("import-target");
        var store = new EventStore.EventStore(EventStore.EventStore.CreateDataSource(connectionString), Service<EventTypes>());
        await store.Migrate();
        return store;
    }
}
