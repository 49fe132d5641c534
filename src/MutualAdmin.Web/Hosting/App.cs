using Microsoft.Extensions.Logging.Abstractions;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Claims;
using MutualAdmin.Web.Contributions;
using MutualAdmin.Web.Enrolment;
using MutualAdmin.Web.Fund;
using MutualAdmin.Web.Reports;
using MutualAdmin.Web.Audit;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Health;
using MutualAdmin.Web.Idempotency;
using MutualAdmin.Web.Observability;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Projections;
using MutualAdmin.Web.Schemes;
using MutualAdmin.Web.Seeding;
using MutualAdmin.Web.Ui;

namespace MutualAdmin.Web.Hosting;

/// <summary>Builds the web host: one Add… and one Map… per feature, each defined in its own folder.</summary>
public static class App
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
        builder.Services.AddDatabase();
        builder.AddTelemetry();
        builder.Services.AddPlatform();
        builder.Services.AddProjections();
        builder.Services.AddAuth();
        builder.Services.AddErrors();
        builder.Services.AddOpenApiDocs();
        builder.Services.AddSchemes();
        builder.Services.AddSeeding().AddDemoSeedingAtStartup();
        builder.Services.AddEnrolment();
        builder.Services.AddContributions();
        builder.Services.AddClaims();
        builder.Services.AddFund();
        builder.Services.AddReports();
        builder.Services.AddAudit();
        builder.AddUi();
        builder.Services.AddForwardedScheme();

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.Use(Correlation.Middleware);
        app.UseErrors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter(); // per API client, once the caller is known (Auth/ClientRateLimits.cs)
        app.UseAntiforgery(); // the UI's sign-in form
        app.UseIdempotency();
        app.MapHealth();
        app.MapOpenApiDocs();
        app.MapAuth();
        app.MapUsers();
        app.MapApiClients();
        app.MapProjections();
        app.MapSchemes();
        app.MapEnrolment();
        app.MapContributions();
        app.MapClaims();
        app.MapFund();
        app.MapReports();
        app.MapAudit();
        app.MapUi();
        return app;
    }

    public static async Task<int> Serve(string[] args, CancellationToken ct)
    {
        await using var app = Build(ServeArguments(args));
        await app.RunAsync(ct);
        return 0;
    }

    /// <summary>The platform's services without the web server, for the one-shot verbs.</summary>
    public static async Task<ServiceProvider> Services(CancellationToken ct, bool migrate = true)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true))
            .AddDatabase()
            .AddPlatform()
            .AddSchemes()
            .AddSeeding()
            .AddEnrolment()
            .AddContributions()
            .AddClaims()
            .AddFund()
            .AddReports()
            .AddAudit()
            .BuildServiceProvider();
        await services.GetRequiredService<Database>().Start(ct, migrate);
        return services;
    }

    private static string[] ServeArguments(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;
}
