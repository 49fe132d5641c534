using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Enrolment.Importing;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Reports;
using MutualAdmin.Web.Seeding;
using MutualAdmin.Web.Ui.Dashboards;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// Issue 21, what a big mutual sees: `--households N` (default 100,000) imported into one mutual by
/// the collective import (the `import` scenario's path), the position noted ("a month back"), then a
/// month's more households (`--later N`, default 2,000) imported after it. R-1, R-2, R-3 (with their
/// hash) and the dashboard's data are then built at the head and as of the noted position, `--rounds`
/// times each (default 3): the first round is a host's first request, the later ones what a host
/// that has served before answers. RESULT: value = the slowest of the four at the head in the last
/// round, ms (head_ms), asof_ms the same as of the past position; baseline = the slowest first round.
/// </summary>
public static class Reports
{
    private const string Tenant = "bench";

    public static async Task<BenchResult> Run(Bench bench)
    {
        var households = bench.Option("households", 100_000);
        var later = bench.Option("later", 2_000);
        var rounds = bench.Option("rounds", 3);
        await using var app = MutualAdmin.Web.Hosting.App.Build(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:MutualAdmin={bench.ConnectionString}", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        await app.Services.GetRequiredService<Tenants>().Create(new Tenant(Tenant, "Mutuelle bench"), default);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var importing = Stopwatch.StartNew();
        await Import(app.Services, households, 7, "coop-bench", today);
        var store = app.Services.GetRequiredService<EventStore.EventStore>();
        var monthBack = await store.HeadPosition();
        await Import(app.Services, later, 8, "coop-bench-later", today);
        await app.Services.GetRequiredService<ProjectionDaemon>().WaitForCatchUp(TimeSpan.FromMinutes(10));
        var head = await store.HeadPosition();
        Console.Error.WriteLine(FormattableString.Invariant(
            $"imported {households}+{later} households in {importing.Elapsed.TotalSeconds:F0} s; month back at {monthBack}, head at {head}"));

        var period = new Period(today.Year, today.Month);
        var reporting = app.Services.GetRequiredService<Reporting>();
        var dashboard = app.Services.GetRequiredService<DashboardData>();
        var measures = new (string Name, Func<long, Task<string>> Build)[]
        {
            ("r1", async p => (await reporting.Build(ReportKind.AffiliationRegister, Tenant, period.ToString(), p, default))!.Sha256),
            ("r2", async p => (await reporting.Build(ReportKind.Contributions, Tenant, period.ToString(), p, default))!.Sha256),
            ("r3", async p => (await reporting.Build(ReportKind.Claims, Tenant, period.ToString(), p, default))!.Sha256),
            ("dashboard", async p => (await dashboard.Of(Tenant, period, p, new LocalityFilter(null, null, null), default)).Enrolment[^1].Beneficiaries
                .ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var figures = new List<(int Round, string At, string Name, double Ms)>();
        var hashes = new Dictionary<(string, string), string>();
        for (var round = 1; round <= rounds; round++)
            foreach (var (at, position) in new[] { ("head", head), ("asof", monthBack) })
                foreach (var (name, build) in measures)
                {
                    var stopwatch = Stopwatch.StartNew();
                    var hash = await build(position);
                    figures.Add((round, at, name, stopwatch.Elapsed.TotalMilliseconds));
                    // The same position must always give the same content, whatever the host served before.
                    if (hashes.TryGetValue((at, name), out var earlier) && earlier != hash)
                        throw new InvalidOperationException($"{name} at {at} gave {hash} after {earlier}");
                    hashes[(at, name)] = hash;
                    Console.Error.WriteLine(FormattableString.Invariant($"round {round} {at} {name}: {figures[^1].Ms:F0} ms {hash}"));
                }
        await app.StopAsync();

        double Slowest(int round, string at) => figures.Where(f => f.Round == round && f.At == at).Max(f => f.Ms);
        string Each(int round, string at) => string.Join(',', figures.Where(f => f.Round == round && f.At == at)
            .Select(f => FormattableString.Invariant($"{f.Name}:{f.Ms:F0}")));
        return new BenchResult("reports", Slowest(rounds, "head"), Math.Max(Slowest(1, "head"), Slowest(1, "asof")), FormattableString.Invariant(
            $"unit=ms households={households} later={later} events={head} month_back={monthBack} head_ms={Slowest(rounds, "head"):F0} asof_ms={Slowest(rounds, "asof"):F0} first_head_ms={Slowest(1, "head"):F0} first_asof_ms={Slowest(1, "asof"):F0} head=[{Each(rounds, "head")}] asof=[{Each(rounds, "asof")}] first=[{Each(1, "head")}]"));
    }

    private static async Task Import(IServiceProvider services, int households, int seed, string collector, DateOnly today)
    {
        var file = new StringWriter();
        HouseholdCsv.Write(file, PopulationGenerator.FromSeeds(services.GetRequiredService<SeedFiles>()).Generate(households, seed, today), collector);
        await services.GetRequiredService<CollectiveImport>().Run(collector, new StringReader(file.ToString()),
            EventMetadata.System(Tenant, "import-households"), Guid.NewGuid(), default);
    }
}
