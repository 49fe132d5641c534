using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.EventStore.Migrations;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Projections;

namespace MutualAdmin.Web.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new HealthReport("alive", [])))
            .AllowAnonymous().WithTags("Health");
        app.MapGet("/health/ready", Ready).AllowAnonymous().WithTags("Health");
        return app;
    }

    public sealed record HealthReport(string Status, IReadOnlyList<string> Problems);

    /// <summary>Ready = the database answers, every migration is applied and the projection daemon runs.</summary>
    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> Ready(Database database,
        EventStore.Projections.ProjectionDaemon daemon, CancellationToken ct)
    {
        var problems = new List<string>();
        if (!daemon.IsRunning()) problems.Add("the projection daemon is not running");
        try
        {
            if (!await Migrator.IsUpToDate(database.DataSource, Database.Migrations, ct)) problems.Add("migrations are not all applied");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            problems.Add($"database unreachable: {e.Message}");
        }
        return problems.Count == 0
            ? TypedResults.Ok(new HealthReport("ready", problems))
            : TypedResults.Json(new HealthReport("not-ready", problems), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
