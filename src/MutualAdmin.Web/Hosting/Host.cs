using Microsoft.Extensions.Logging.Abstractions;
using MutualAdmin.Web.Health;

namespace MutualAdmin.Web.Hosting;

/// <summary>Builds the web host: one Add… and one Map… per feature, each defined in its own folder.</summary>
public static class Host
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
        builder.Services.AddDatabase();
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.MapHealth();
        return app;
    }

    public static async Task<int> Serve(string[] args, CancellationToken ct)
    {
        await using var app = Build(ServeArguments(args));
        await app.RunAsync(ct);
        return 0;
    }

    /// <summary>A database for the one-shot verbs, configured exactly as the host would be.</summary>
    public static Database Database()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return new Database(configuration, NullLogger<Database>.Instance);
    }

    private static string[] ServeArguments(string[] args) => args.Length > 0 && args[0] == "serve" ? args[1..] : args;
}
