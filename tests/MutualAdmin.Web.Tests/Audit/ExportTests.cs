using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MutualAdmin.Testing;
using MutualAdmin.Web.Tests.Enrolment;
using Npgsql;

namespace MutualAdmin.Web.Tests.Audit;

/// <summary>The export for external auditors verifies with the README's algorithm alone, and shows tampering.</summary>
public sealed class ExportTests(TestCluster cluster) : EnrolmentTest(cluster)
{
    // Around today, so a run across midnight still exports what it wrote.
    private static readonly string Period = $"from={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}";

    [Fact]
    public async Task An_export_verifies_by_the_documented_algorithm_and_an_edited_event_breaks_it_at_its_position()
    {
        await Mutual("thies");
        await Mutual("kaolack");
        var officer = await SignedIn("enrolment-officer@thies");
        for (var i = 0; i < 3; i++) await Register(officer, Household(Person($"Export {i}", $"SN-EXP-{i}", birthDate: $"198{i}-01-01")));
        await Register(await SignedIn("enrolment-officer@kaolack"), Household(Person("Other Mutual")));
        var auditor = await SignedIn("auditor@thies");

        var export = await auditor.GetAsync($"/api/audit/export?{Period}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType?.MediaType);
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Null(Verify(lines));
        Assert.DoesNotContain("Export 1", string.Join("", lines));
        Assert.DoesNotContain("Other Mutual", string.Join("", lines));

        var edited = JsonDocument.Parse(lines[2]).RootElement.GetProperty("position").GetInt64();
        await using (var tamper = Service<NpgsqlDataSource>().CreateCommand(
            "update mt_events set data = jsonb_set(data, '{sex}', '\"M\"') where seq_id = (select seq_id from event_chain where position = $1)"))
        {
            tamper.Parameters.Add(new() { Value = edited });
            await tamper.ExecuteNonQueryAsync();
        }
        var after = (await (await auditor.GetAsync($"/api/audit/export?{Period}")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(edited, Verify(after));
    }

    [Fact]
    public async Task An_export_needs_its_period()
    {
        await Mutual("thies");
        var auditor = await SignedIn("auditor@thies");
        var response = await auditor.GetAsync($"/api/audit/export?from={DateTime.UtcNow:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("to", out _));
    }

    /// <summary>The README's "hash chain" algorithm, written again from the text: the first position that fails, or null.</summary>
    private static long? Verify(string[] lines)
    {
        var previous = Convert.FromHexString(JsonDocument.Parse(lines[0]).RootElement.GetProperty("previousHash").GetString()!);
        foreach (var line in lines.Skip(1))
        {
            var e = JsonDocument.Parse(line).RootElement;
            string F(string name) => e.GetProperty(name).ValueKind == JsonValueKind.Number ? e.GetProperty(name).GetRawText() : e.GetProperty(name).GetString()!;
            var text = string.Join("\n", new[] { "position", "tenant", "stream", "version", "type", "schemaVersion", "data", "metadata" }.Select(F));
            var hash = SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(text)]);
            if (Convert.ToHexStringLower(hash) != e.GetProperty("hash").GetString()) return e.GetProperty("position").GetInt64();
            previous = hash;
        }
        return null;
    }
}
