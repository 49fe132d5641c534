using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Web.Platform;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// Issue 5: household registrations (a member and three dependants) over HTTP to the real host from
/// 16 concurrent clients — numbers drawn, duplicates looked up, personal data sealed, national ID and
/// eligibility written inline — against raw transactions inserting the same four event rows. Households/s.
/// </summary>
public static class Enrol
{
    public static async Task<BenchResult> Run(Bench bench)
    {
        var duration = TimeSpan.FromSeconds(bench.Option("seconds", 10));
        var writers = bench.Option("writers", 16);
        var connectionString = bench.ConnectionString;
        await using var app = MutualAdmin.Web.Hosting.App.Build(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:MutualAdmin={connectionString}", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await app.Services.GetRequiredService<Tenants>().Create(new Tenant("bench", "Mutuelle bench"), default);
        await app.Services.GetRequiredService<StaffUsers>().Create("bench", "officer@bench", "Officer", "correct horse battery", ["enrolment-officer"], "en", default);
        using var signIn = new HttpClient { BaseAddress = new Uri(url) };
        var token = (await (await signIn.PostAsJsonAsync("/api/auth/token", new { username = "officer@bench", password = "correct horse battery" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var clients = Enumerable.Range(0, writers).Select(_ =>
        {
            var c = new HttpClient { BaseAddress = new Uri(url) };
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return c;
        }).ToArray();

        await bench.CreateRawTable("raw_enrol");
        var json = JsonSerializer.Serialize(Bench.Payload(1), BenchJson.Default.BeneficiaryEnrolled);
        var failures = 0;
        async Task Http(int w, long n)
        {
            var response = await clients[w].PostAsJsonAsync("/api/members", Household(w, n));
            if (!response.IsSuccessStatusCode && Interlocked.Increment(ref failures) <= 3)
                Console.Error.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await Bench.WarmUp(writers, Http, "http");
        await Bench.WarmUp(writers, (_, _) => RawUnit(bench, json), "raw");
        var raw = await Bench.Throughput(writers, duration, (_, _) => RawUnit(bench, json));
        var http = await Bench.Throughput(writers, duration, Http);
        await app.StopAsync();
        foreach (var c in clients) c.Dispose();
        return new BenchResult("enrol", http, raw, FormattableString.Invariant(
            $"unit=households/s events_per_s={http * 4:F0} beneficiaries_per_household=4 writers={writers} failures={failures} seconds={duration.TotalSeconds}"));
    }

    private static object Household(int w, long n) => new
    {
        member = Person($"Awa Bench {w} {n}", "F", "1980-01-01", $"BN{w:D2}X{n:D9}", null),
        locality = new { region = "Dakar", district = "Pikine", commune = "Thiaroye" },
        occupationCategory = "trade",
        dependants = new[]
        {
            Person($"Moussa Bench {w} {n}", "M", "1978-05-05", $"BN{w:D2}S{n:D9}", "spouse"),
            Person($"Fatou Bench {w} {n}", "F", "2012-02-02", null, "child"),
            Person($"Ali Bench {w} {n}", "M", "2015-03-03", null, "child"),
        },
    };

    private static object Person(string name, string sex, string birthDate, string? nationalId, string? relationship) => new
    {
        fullName = name, sex, birthDate, nationalId, subsidyCategory = "standard", relationship, phone = "+221770000000",
    };

    /// <summary>The same four event rows in one transaction, nothing else.</summary>
    private static async Task RawUnit(Bench bench, string json)
    {
        await using var connection = await bench.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, tx);
        var stream = Guid.NewGuid().ToString("N");
        for (var i = 1; i <= 4; i++)
            batch.BatchCommands.Add(new("""
                insert into raw_enrol (seq, event_id, tenant_id, stream_id, version, event_type, schema_version, data, metadata, hash)
                values (nextval('raw_enrol_seq'), $1, 'bench', $2, $3, 'member-registered', 1, $4, '{"tenant": "bench"}', $5)
                """)
            {
                Parameters =
                {
                    new() { Value = Guid.CreateVersion7() }, new() { Value = stream }, new() { Value = (long)i },
                    new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb }, new() { Value = new byte[32] },
                },
            });
        await batch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
