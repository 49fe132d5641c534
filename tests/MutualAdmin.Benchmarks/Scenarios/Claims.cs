using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// Issue 7: claims submitted by a claims officer over HTTP to the real host from 16 concurrent
/// clients and adjudicated on submission — the beneficiary's lock, eligibility, household, scheme,
/// earlier claims, the C-2…C-8 rules, two events and the register row — against raw transactions
/// inserting the same rows (two event rows and one register row). Each client claims for its own
/// beneficiaries in turn (covered from day one: the host runs with no waiting period). Claims/s with
/// p50/p99 latency; `--beneficiaries N` per client (default 25).
/// </summary>
public static class Claims
{
    public static async Task<BenchResult> Run(Bench bench)
    {
        var duration = TimeSpan.FromSeconds(bench.Option("seconds", 10));
        var writers = bench.Option("writers", 16);
        var perWriter = bench.Option("beneficiaries", 25);
        await using var app = MutualAdmin.Web.Hosting.App.Build(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:MutualAdmin={bench.ConnectionString}", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await BenchMutual.Prepare(app);
        var (officer, manager, cashier, claims) =
            (await StaffClients.SignedIn(url, "officer@bench"), await StaffClients.SignedIn(url, "manager@bench"),
             await StaffClients.SignedIn(url, "cashier@bench"), await StaffClients.SignedIn(url, "claims@bench"));

        var beneficiaries = new string[writers][];
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            beneficiaries[w] = new string[perWriter];
            for (var i = 0; i < perWriter; i++) beneficiaries[w][i] = await BenchMutual.Covered(officer, manager, cashier, $"{w}-{i}");
        }));

        await bench.CreateRawTable("raw_claims");
        await bench.Execute("""
            drop table if exists raw_claims_register;
            create table raw_claims_register (like claims_register including defaults including indexes);
            """);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        async Task Http(int w, long n)
        {
            // A beneficiary's claims move back one day per round, so they are neither duplicates nor too frequent.
            var serviceDate = today.AddDays(-(int)(n / perWriter % 80));
            var started = Stopwatch.GetTimestamp();
            using var response = await claims.PostAsJsonAsync("/api/claims", new
            {
                providerId = "hc-bench", providerClaimReference = $"B-{w}-{n}", beneficiaryNumber = beneficiaries[w][n % perWriter],
                visitType = "outpatient", serviceDate, mainDiagnosis = "B54",
                lines = new object[]
                {
                    new { tariffCode = "CONS-GEN", quantity = 1, claimedUnitPrice = 2000 },
                    new { tariffCode = "LAB-MAL", quantity = 1, claimedUnitPrice = 1000 },
                    new { tariffCode = "DRUG-AMOX", quantity = 10, claimedUnitPrice = 100 },
                },
            });
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode && Interlocked.Increment(ref failures) <= 3)
                Console.Error.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await Bench.Throughput(writers, TimeSpan.FromSeconds(2), (w, n) => Http(w, n + 10_000_000));
        await Bench.Throughput(writers, TimeSpan.FromSeconds(2), (w, n) => RawUnit(bench, w, n + 10_000_000));
        var raw = await Bench.Throughput(writers, duration, (w, n) => RawUnit(bench, w, n));
        latencies.Clear();
        var http = await Bench.Throughput(writers, duration, Http);
        await app.StopAsync();
        foreach (var c in new[] { officer, manager, cashier, claims }) c.Dispose();
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
        return new BenchResult("claims", http, raw, FormattableString.Invariant(
            $"unit=claims/s writers={writers} beneficiaries={writers * perWriter} p50_ms={Percentile(0.50):F1} p99_ms={Percentile(0.99):F1} failures={failures} seconds={duration.TotalSeconds}"));
    }

    /// <summary>The claim's two event rows and its register row in one transaction, nothing else.</summary>
    private static async Task RawUnit(Bench bench, int w, long n)
    {
        await using var connection = await bench.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var claim = Guid.CreateVersion7();
        var stream = $"claim-{claim}";
        var lines = """[{"tariffCode":"CONS-GEN","quantity":1,"claimedUnitPrice":2000},{"tariffCode":"LAB-MAL","quantity":1,"claimedUnitPrice":1000},{"tariffCode":"DRUG-AMOX","quantity":10,"claimedUnitPrice":100}]""";
        var submitted = $$"""{"claim":{"claimId":"{{claim}}","providerId":"hc-bench","providerLevel":"health-centre","providerClaimReference":"B-{{w}}-{{n}}","beneficiaryNumber":"123456789012","visitType":"outpatient","serviceDate":"2026-11-28","mainDiagnosis":"B54","secondaryDiagnoses":[],"lines":{{lines}},"submittedOn":"2026-11-28"},"schemeCode":"CSU-BASE","schemeVersion":1}""";
        var decisions = """[{"lineNumber":1,"tariffCode":"CONS-GEN","category":"consultation","quantity":1,"claimedUnitPrice":2000,"approvedQuantity":1,"approvedUnitPrice":2000,"coverageRatePercent":80,"eligible":2000,"benefit":1600,"coPayment":400,"cutByCeiling":false,"rejectionCode":null},{"lineNumber":2,"tariffCode":"LAB-MAL","category":"laboratory","quantity":1,"claimedUnitPrice":1000,"approvedQuantity":1,"approvedUnitPrice":1000,"coverageRatePercent":80,"eligible":1000,"benefit":800,"coPayment":200,"cutByCeiling":false,"rejectionCode":null},{"lineNumber":3,"tariffCode":"DRUG-AMOX","category":"medicine","quantity":10,"claimedUnitPrice":100,"approvedQuantity":10,"approvedUnitPrice":100,"coverageRatePercent":70,"eligible":1000,"benefit":700,"coPayment":300,"cutByCeiling":false,"rejectionCode":null}]""";
        var adjudicated = $$"""{"claimId":"{{claim}}","outcome":"approved","rejectionCode":null,"lines":{{decisions}},"claimed":4000,"eligible":4000,"benefit":3100,"coPayment":900,"reviewReasons":[],"coverageYearStart":"2026-01-01","adjudicatedOn":"2026-11-28"}""";
        NpgsqlBatchCommand Event(long version, string type, string data) => new("""
            insert into raw_claims (seq, event_id, tenant_id, stream_id, version, event_type, schema_version, data, metadata, hash)
            values (nextval('raw_claims_seq'), $1, 'bench', $2, $3, $4, 1, $5, '{"tenant": "bench"}', $6)
            """)
        {
            Parameters =
            {
                new() { Value = Guid.CreateVersion7() }, new() { Value = stream }, new() { Value = version }, new() { Value = type },
                new() { Value = data, NpgsqlDbType = NpgsqlDbType.Jsonb }, new() { Value = new byte[32] },
            },
        };
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                Event(1, "claim-submitted", submitted),
                Event(2, "claim-adjudicated", adjudicated),
                new("""
                    insert into raw_claims_register (tenant_id, claim_id, provider_id, provider_claim_reference, beneficiary_number,
                        service_date, cover_date, submitted_on, visit_type, lines, decisions, status, outcome, claimed, benefit, decided_on)
                    values ('bench', $1, 'hc-bench', $2, '123456789012', current_date, current_date, current_date, 'outpatient', $3, $4,
                        'approved', 'approved', 4000, 3100, current_date)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = claim }, new() { Value = $"B-{w}-{n}" },
                        new() { Value = lines, NpgsqlDbType = NpgsqlDbType.Jsonb }, new() { Value = decisions, NpgsqlDbType = NpgsqlDbType.Jsonb },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
