using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Audit;

/// <summary>
/// <c>POST /api/audit/verifications</c> starts a verification of the caller's mutual in the background;
/// <c>GET /api/audit/verifications/{id}</c> shows its progress, then its result. Runs are kept in this
/// node's memory (a restart forgets them; the command-line verb writes its report to a file).
/// </summary>
public sealed class VerificationRuns(Verification verification, ILogger<VerificationRuns> logger)
{
    public sealed record Run(Guid Id, string Tenant, string State, Verification.Progress? Progress, VerificationResult? Result,
        string? Summary, string? Error);

    private readonly ConcurrentDictionary<Guid, Run> runs = new();

    public static Accepted<Run> Start(Actor actor, VerificationRuns runs, IHostApplicationLifetime host)
    {
        var run = new Run(Guid.CreateVersion7(), actor.Tenant, "running", null, null, null, null);
        runs.runs[run.Id] = run;
        _ = Task.Run(() => runs.Execute(run, host.ApplicationStopping));
        return TypedResults.Accepted($"/api/audit/verifications/{run.Id}", run);
    }

    public static Results<Ok<Run>, NotFound> Get(Guid id, Actor actor, VerificationRuns runs) =>
        runs.runs.TryGetValue(id, out var run) && run.Tenant == actor.Tenant ? TypedResults.Ok(run) : TypedResults.NotFound();

    private async Task Execute(Run run, CancellationToken ct)
    {
        try
        {
            var progress = new Progress<Verification.Progress>(p => runs[run.Id] = runs[run.Id] with { Progress = p });
            var result = await verification.Run(run.Tenant, progress, ct);
            runs[run.Id] = runs[run.Id] with { State = result.Passed ? "passed" : "failed", Result = result, Summary = result.Summary() };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Verification {Id} of {Tenant} stopped", run.Id, run.Tenant);
            runs[run.Id] = runs[run.Id] with { State = "error", Error = e.Message };
        }
    }
}
