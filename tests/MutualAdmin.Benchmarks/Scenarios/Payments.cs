using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// Issue 6: cashiers' payments (K-4) over HTTP to the real host from 16 concurrent clients — each
/// payment folds its account, checks the tenant's receipt index, allocates oldest first, follows the
/// affiliation's standing, and writes the receipt row inline — against raw transactions inserting
/// the same rows (one event row, one receipt row). Each client pays its own affiliations in turn, so
/// clients contend on the append lock, not on streams. Payments/s; `--affiliations N` per client (default 25).
/// </summary>
public static class Payments
{
    public static async Task<BenchResult> Run(Bench bench)
    {
        var duration = TimeSpan.FromSeconds(bench.Option("seconds", 10));
        var writers = bench.Option("writers", 16);
        var perWriter = bench.Option("affiliations", 25);
        await using var app = MutualAdmin.Web.Hosting.App.Build(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:MutualAdmin={bench.ConnectionString}", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await BenchMutual.Prepare(app);
        var (officer, manager, cashier) = (await StaffClients.SignedIn(url, "officer@bench"), await StaffClients.SignedIn(url, "manager@bench"),
            await StaffClients.SignedIn(url, "cashier@bench"));

        // Pending affiliations of one-person households; the first payment of each also opens its account and activates it (E-6).
        var affiliations = new Guid[writers][];
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            affiliations[w] = new Guid[perWriter];
            for (var i = 0; i < perWriter; i++) affiliations[w][i] = await Affiliate(officer, manager, w, i);
        }));

        await bench.CreateRawTable("raw_payments");
        await bench.Execute("""
            drop table if exists raw_receipts;
            create table raw_receipts (like contribution_receipts including defaults including indexes);
            """);
        var failures = 0;
        async Task Http(int w, long n)
        {
            var response = await cashier.PostAsJsonAsync($"/api/affiliations/{affiliations[w][n % perWriter]}/payments",
                new { receipt = $"B-{w}-{n}", amount = 500, method = "mobile-money" });
            if (!response.IsSuccessStatusCode && Interlocked.Increment(ref failures) <= 3)
                Console.Error.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await Bench.Throughput(writers, TimeSpan.FromSeconds(2), (w, n) => Http(w, n + 10_000_000));
        await Bench.Throughput(writers, TimeSpan.FromSeconds(2), (w, n) => RawUnit(bench, w, n + 10_000_000));
        var raw = await Bench.Throughput(writers, duration, (w, n) => RawUnit(bench, w, n));
        var http = await Bench.Throughput(writers, duration, Http);
        await app.StopAsync();
        foreach (var c in new[] { officer, manager, cashier }) c.Dispose();
        return new BenchResult("payments", http, raw, FormattableString.Invariant(
            $"unit=payments/s writers={writers} affiliations={writers * perWriter} failures={failures} seconds={duration.TotalSeconds}"));
    }

    private static async Task<Guid> Affiliate(HttpClient officer, HttpClient manager, int w, int i)
    {
        var household = (await (await officer.PostAsJsonAsync("/api/members", new
        {
            member = new { fullName = $"Awa Payer {w} {i}", sex = "F", birthDate = "1980-01-01", subsidyCategory = "standard" },
            locality = new { region = "Dakar", district = "Pikine", commune = "Thiaroye" },
            occupationCategory = "trade",
            confirmedNotDuplicate = true,
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("householdId").GetGuid();
        var affiliation = (await (await officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            new { channel = "individual", paymentPlan = "quarterly" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("affiliationId").GetGuid();
        (await manager.PostAsync($"/api/affiliations/{affiliation}/approval", null)).EnsureSuccessStatusCode();
        return affiliation;
    }

    /// <summary>The payment's event row and its receipt row in one transaction, nothing else.</summary>
    private static async Task RawUnit(Bench bench, int w, long n)
    {
        await using var connection = await bench.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var receipt = $"B-{w}-{n}";
        var account = Guid.CreateVersion7();
        var json = $$"""{"accountId":"{{account}}","receipt":"{{receipt}}","amount":500,"paidOn":"2026-11-28","method":"mobile-money","payer":"member","allocations":[{"instalmentNumber":1,"amount":500}],"credit":0}""";
        await using var batch = new NpgsqlBatch(connection, tx)
        {
            BatchCommands =
            {
                new("""
                    insert into raw_payments (seq, event_id, tenant_id, stream_id, version, event_type, schema_version, data, metadata, hash)
                    values (nextval('raw_payments_seq'), $1, 'bench', $2, 1, 'contribution-paid', 1, $3, '{"tenant": "bench"}', $4)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = Guid.CreateVersion7() }, new() { Value = $"contribution-account-{account}" },
                        new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb }, new() { Value = new byte[32] },
                    },
                },
                new("insert into raw_receipts values ('bench', $1, $2, 500, current_date, 'mobile-money', null)")
                {
                    Parameters = { new() { Value = receipt }, new() { Value = account } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
