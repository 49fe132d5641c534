using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Enrolment.Importing;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// Issue 8: the Fund's eligibility check over HTTP from 64 concurrent clients against a population
/// registered through the collective import (`--households`, default 25,000 ≈ 100,000 beneficiaries,
/// not affiliated) plus `--covered` (default 400) one-person households affiliated and paid over HTTP.
/// Every other request asks about a covered beneficiary, whose answer adds the scheme version in
/// force and the ceiling left (the claims register); the others get the index read alone. Against
/// the raw baseline of the same index lookup by primary key through Npgsql (a plain pool).
/// Requests/s with p50/p99 latency.
/// </summary>
public static class Eligibility
{
    public static async Task<BenchResult> Run(Bench bench)
    {
        var households = bench.Option("households", 25_000);
        var clientsCount = bench.Option("clients", 64);
        var coveredCount = bench.Option("covered", 400);
        var duration = TimeSpan.FromSeconds(bench.Option("seconds", 10));
        await using var app = MutualAdmin.Web.Hosting.App.Build(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:MutualAdmin={bench.ConnectionString}", "--Logging:LogLevel:Default=Warning",
             // The bench measures the check's capacity, not the Fund client's rate limit (Auth/ClientRateLimits.cs).
             "--Auth:ClientLimits:Fund:PerSecond=10000000", "--Auth:ClientLimits:Fund:Burst=10000000"]);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await BenchMutual.Prepare(app);
        var (clientId, secret) = await app.Services.GetRequiredService<ApiClients>().Create("fund", "Bench fund", null, null, default);

        var file = Path.Combine(Path.GetTempPath(), $"mutualadmin-eligibility-{Guid.NewGuid():N}.csv");
        await using (var writer = new StreamWriter(file))
            HouseholdCsv.Write(writer, PopulationGenerator.FromSeeds(app.Services.GetRequiredService<SeedFiles>())
                .Generate(households, 11, DateOnly.FromDateTime(DateTime.UtcNow)), "coop-bench");
        using (var reader = new StreamReader(file))
            await app.Services.GetRequiredService<CollectiveImport>().Run("coop-bench", reader, EventMetadata.System("bench", "import"), Guid.NewGuid(), default);
        File.Delete(file);
        var numbers = await Numbers(bench);
        var (officer, manager, cashier) = (await StaffClients.SignedIn(url, "officer@bench"), await StaffClients.SignedIn(url, "manager@bench"),
            await StaffClients.SignedIn(url, "cashier@bench"));
        var covered = new string[coveredCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, coveredCount), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => covered[i] = await BenchMutual.Covered(officer, manager, cashier, $"E-{i}"));
        foreach (var c in new[] { officer, manager, cashier }) c.Dispose();
        string Beneficiary(int w, long n) => n % 2 == 0 && covered.Length > 0
            ? covered[(int)((n / 2 * 7919 + w * 104729) % covered.Length)]
            : numbers[(int)((n * 7919 + w * 104729) % numbers.Length)];

        using var signIn = new HttpClient { BaseAddress = new Uri(url) };
        var token = (await (await signIn.PostAsJsonAsync("/fund/v1/token", new { clientId = clientId.Id, clientSecret = secret }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var clients = Enumerable.Range(0, clientsCount).Select(_ =>
        {
            var c = new HttpClient { BaseAddress = new Uri(url) };
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return c;
        }).ToArray();

        var date = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        async Task Http(int w, long n)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await clients[w].GetAsync($"/fund/v1/eligibility?beneficiary={Beneficiary(w, n)}&date={date}");
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (n % 50 == 0 && covered.Length > 0 && response.IsSuccessStatusCode && !(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("covered").GetBoolean())
                throw new InvalidOperationException("a covered beneficiary was answered not covered");
            if (!response.IsSuccessStatusCode && Interlocked.Increment(ref failures) <= 3)
                Console.Error.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        async Task Raw(int w, long n)
        {
            await using var command = bench.DataSource.CreateCommand("""
                select b.tenant_id, p.state, p.cover_from, p.cover_to, p.scheme_code from eligibility_beneficiaries b
                  left join eligibility_periods p on p.beneficiary_number = b.beneficiary_number and p.valid_from <= $2 and (p.valid_to is null or p.valid_to >= $2)
                 where b.beneficiary_number = $1
                """);
            command.Parameters.Add(new() { Value = Beneficiary(w, n) });
            command.Parameters.Add(new() { Value = DateOnly.FromDateTime(DateTime.UtcNow) });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }

        await Bench.WarmUp(clientsCount, Http, "http");
        await Bench.WarmUp(clientsCount, Raw, "raw");
        var raw = await Bench.Throughput(clientsCount, duration, Raw);
        latencies.Clear();
        var http = await Bench.Throughput(clientsCount, duration, Http);
        await app.StopAsync();
        foreach (var c in clients) c.Dispose();
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
        return new BenchResult("eligibility", http, raw, FormattableString.Invariant(
            $"unit=requests/s clients={clientsCount} beneficiaries={numbers.Length} covered={coveredCount} p50_ms={Percentile(0.50):F1} p99_ms={Percentile(0.99):F1} failures={failures} seconds={duration.TotalSeconds}"));
    }

    private static async Task<string[]> Numbers(Bench bench)
    {
        await using var command = bench.DataSource.CreateCommand("select beneficiary_number from eligibility_beneficiaries");
        var numbers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) numbers.Add(reader.GetString(0));
        return [.. numbers];
    }
}
