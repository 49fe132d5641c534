using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using Npgsql;
using MutualAdmin.Web.Input;

namespace MutualAdmin.Web.Projections;

/// <summary>
/// The projection daemon in the host. Features register their read models as <see cref="IProjection"/>
/// (async) or <see cref="IInlineProjection"/> (same transaction); operators see status, lag, dead
/// letters and rebuilds here.
/// </summary>
public static class ProjectionsExtensions
{
    public static IServiceCollection AddProjections(this IServiceCollection services)
    {
        services.AddSingleton(new ProjectionOptions());
        services.AddSingleton(sp => new ProjectionDaemon(sp.GetRequiredService<EventStore.EventStore>(),
            sp.GetServices<IProjection>(), sp.GetRequiredService<ProjectionOptions>(),
            sp.GetRequiredService<ILogger<ProjectionDaemon>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<DaemonHost>();
        return services;
    }

    public static IEndpointRouteBuilder MapProjections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/projections").WithTags("Administration").LimitText();
        // A mutual's staff look at their own mutual's part (TenantView); the projections serve every
        // mutual, so only a platform administrator acts on them or sees across mutuals.
        group.MapGet("/", Status).ForStaff(StaffRole.Admin, StaffRole.Manager, StaffRole.Auditor, StaffRole.PlatformAdmin);
        group.MapGet("/dead-letters", DeadLetters).ForStaff(StaffRole.Admin, StaffRole.Manager, StaffRole.Auditor, StaffRole.PlatformAdmin);
        group.MapPost("/dead-letters/{tenant}/{id:long}/retry", Retry).ForPlatformAdmin();
        group.MapPost("/{name}/rebuild", Rebuild).ForPlatformAdmin();
        group.MapPost("/{name}/pause", Pause).ForPlatformAdmin();
        group.MapPost("/{name}/resume", Resume).ForPlatformAdmin();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ProjectionStatus>>> Status(ProjectionDaemon daemon, Actor actor, CancellationToken ct) =>
        TypedResults.Ok(actor.IsPlatformAdmin
            ? await daemon.Status(ct)
            : TenantView.Status(await daemon.Status(ct), TenantView.DeadLetters(await daemon.DeadLetters(null, ct), actor.Tenant)));

    private static async Task<Ok<IReadOnlyList<DeadLetter>>> DeadLetters(ProjectionDaemon daemon, Actor actor, CancellationToken ct) =>
        TypedResults.Ok(actor.IsPlatformAdmin ? await daemon.DeadLetters(null, ct) : TenantView.DeadLetters(await daemon.DeadLetters(null, ct), actor.Tenant));

    /// <summary>
    /// Applies a dead-lettered event again once its cause is fixed: 204 and it leaves the list. If it
    /// fails again, 409 with the new error, and it stays for another try; 404 when it is not open.
    /// </summary>
    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Retry(string tenant, long id, ProjectionDaemon daemon,
        ILogger<ProjectionDaemon> logger, CancellationToken ct)
    {
        if ((await daemon.DeadLetters(null, ct)).FirstOrDefault(l => l.Tenant == tenant && l.Id == id) is not { } letter)
            return TypedResults.NotFound();
        try
        {
            return await daemon.Retry(letter, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not NpgsqlException { IsTransient: true })
        {
            logger.LogWarning(e, "Dead letter {Id} of {Projection} (event {Position}) failed again", letter.Id, letter.Projection, letter.Position);
            return TypedResults.Problem(statusCode: 409, type: Problems.RuleRefused, title: "The event failed again; the dead letter stays open.",
                detail: e.Message, extensions: new Dictionary<string, object?> { ["code"] = "DEAD_LETTER_FAILED_AGAIN" });
        }
    }

    private static async Task<Results<Accepted<RebuildStarted>, NotFound>> Rebuild(string name, ProjectionDaemon daemon, CancellationToken ct) =>
        daemon.Names.Contains(name)
            ? TypedResults.Accepted($"/api/admin/projections", new RebuildStarted(name, await daemon.Rebuild(name, ct)))
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> Pause(string name, ProjectionDaemon daemon, CancellationToken ct)
    {
        if (!daemon.Names.Contains(name)) return TypedResults.NotFound();
        await daemon.Pause(name, "paused by an administrator", ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound>> Resume(string name, ProjectionDaemon daemon, CancellationToken ct)
    {
        if (!daemon.Names.Contains(name)) return TypedResults.NotFound();
        await daemon.Resume(name, ct);
        return TypedResults.NoContent();
    }

    public sealed record RebuildStarted(string Projection, int Generation);

    /// <summary>
    /// Starts the daemon only once the database is up: hosted services are all constructed before
    /// the first one starts, and the daemon needs the started database's data source.
    /// </summary>
    private sealed class DaemonHost(IServiceProvider services) : IHostedService
    {
        private ProjectionDaemon? daemon;

        public Task StartAsync(CancellationToken ct) => (daemon = services.GetRequiredService<ProjectionDaemon>()).StartAsync(ct);
        public Task StopAsync(CancellationToken ct) => daemon?.StopAsync(ct) ?? Task.CompletedTask;
    }

    /// <summary>Running = started and its loop has not ended (/health/ready).</summary>
    public static bool IsRunning(this ProjectionDaemon daemon) => daemon.ExecuteTask is { IsCompleted: false };
}
