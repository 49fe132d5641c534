using System.CommandLine;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Seeding;

public static class SeedingExtensions
{
    public const string SeedDemoKey = "MutualAdmin:SeedDemo";

    public static IServiceCollection AddSeeding(this IServiceCollection services) => services
        .AddSingleton(sp => SeedFiles.Locate(sp.GetRequiredService<IConfiguration>()))
        .AddSingleton<DemoSeed>();

    public static IServiceCollection AddDemoSeedingAtStartup(this IServiceCollection services) =>
        services.AddHostedService<SeedAtStartup>();

    /// <summary>
    /// The demo is seeded at start-up when MutualAdmin:SeedDemo says so, and by default when the
    /// embedded database is used (a newcomer's `dotnet run`), never by default on a configured server.
    /// Decided on the host's final configuration, which test hosts override late.
    /// </summary>
    private static bool Wanted(IConfiguration configuration) => configuration[SeedDemoKey] is { } setting
        ? bool.Parse(setting)
        : string.IsNullOrWhiteSpace(configuration.GetConnectionString("MutualAdmin"));

    public static Command Verb()
    {
        var command = new Command("seed-demo", "Seed the demo mutuals, users, scheme and reference data (idempotent).");
        command.SetAction(async (_, ct) =>
        {
            await using var services = await App.Services(ct);
            Print(await services.GetRequiredService<DemoSeed>().Run(ct), "http://localhost:5080");
            return 0;
        });
        return command;
    }

    public static void Print(DemoSeedReport report, string url)
    {
        Console.WriteLine($"""

            MutualAdmin demo data is ready (local use only).
              API and Swagger UI: {url}/swagger  (POST /api/auth/token, then Authorize with the token)
              Sign in as any of: {string.Join(", ", report.Usernames.Take(7))} …
              Password for every demo user: {report.Password}
            """);
        if (report.FundClientId is not null)
            Console.WriteLine($"  Fund API client (shown once): clientId {report.FundClientId}  clientSecret {report.FundClientSecret}\n");
        if (report.Usernames.FirstOrDefault(u => u.EndsWith("@" + Platform.Tenants.PlatformId, StringComparison.Ordinal)) is { } root)
            Console.WriteLine($"""
                  Platform administrator: {root} (same password). The Fund's clients are under Administration → API clients
                  ({url}/admin/api-clients, or GET /api/admin/api-clients); rotating one there gives it a new secret.

                """);
    }

    private sealed class SeedAtStartup(IServiceProvider services, IConfiguration configuration) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            if (Wanted(configuration))
                Print(await services.GetRequiredService<DemoSeed>().Run(ct), (configuration["Urls"] ?? "http://localhost:5080").Split(';')[0]);
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
