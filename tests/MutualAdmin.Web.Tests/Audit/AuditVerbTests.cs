using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Testing;
using Npgsql;

namespace MutualAdmin.Web.Tests.Audit;

/// <summary>The auditor's and the operator's verbs: verify (exit code and JSON report) and rebuild.</summary>
[Collection(Collection)]
public sealed class AuditVerbTests(TestCluster cluster) : VerbTest(cluster)
{
    [Fact]
    public async Task Verify_passes_on_a_clean_log_and_fails_naming_the_table_once_a_projection_row_is_forged()
    {
        await Mutual("thies");
        var officer = await SignedIn("enrolment-officer@thies");
        await officer.PostAsJsonAsync("/api/members", new
        {
            member = new { fullName = "Verb Check", sex = "F", birthDate = "1980-01-01", subsidyCategory = "standard" },
            locality = new { region = "Thiès", district = "Mbour", commune = "Joal-Fadiouth" },
            occupationCategory = "fishing",
        });
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        var report = Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.json");

        Assert.Equal(0, await Run("verify", "--out", report));
        Assert.True(JsonDocument.Parse(await File.ReadAllTextAsync(report)).RootElement.GetProperty("passed").GetBoolean());

        await using (var forge = Service<NpgsqlDataSource>().CreateCommand("update member_register set sex = 'M'"))
            await forge.ExecuteNonQueryAsync();
        Assert.Equal(1, await Run("verify", "--out", report));
        var failed = JsonDocument.Parse(await File.ReadAllTextAsync(report)).RootElement;
        Assert.Contains(failed.GetProperty("projections").EnumerateArray(), p =>
            p.GetProperty("projection").GetString() == "member-register"
            && p.GetProperty("differences").EnumerateArray().Any(d => d.GetProperty("table").GetString() == "member_register"));

        // A rebuild from the log puts the register right again.
        Assert.Equal(0, await Run("rebuild", "--projection", "member-register"));
        await Service<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await Run("verify", "--out", report));
        File.Delete(report);
    }

    [Fact]
    public async Task Rebuild_refuses_an_unknown_projection() => Assert.Equal(2, await Run("rebuild", "--projection", "no-such-thing"));
}
