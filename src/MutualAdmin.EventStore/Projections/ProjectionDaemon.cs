using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MutualAdmin.EventStore.Projections;

/// <summary>
/// Keeps the async projections (architecture.md decision 6). Every node runs one; per projection
/// generation, the node holding the leader lock runs it and the others retry the lock every
/// <see cref="ProjectionOptions.SupervisionInterval"/>, so a node's death hands the work over.
/// </summary>
public sealed partial class ProjectionDaemon(EventStore store, IEnumerable<IProjection> projections,
    ProjectionOptions? options = null, ILogger<ProjectionDaemon>? logger = null, TimeProvider? time = null) : BackgroundService
{
    private readonly Dictionary<string, IProjection> byName = Checked(projections).ToDictionary(p => p.Name);
    private readonly ProjectionOptions options = options ?? new();
    private readonly ILogger logger = logger ?? NullLogger<ProjectionDaemon>.Instance;
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(string, int), (ProjectionRunner Runner, Task Task)> runners = new();
    private readonly SharedReads shared = new(store);
    private CancellationToken stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        var prepared = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                prepared = prepared || await Prepare(stoppingToken);
                await Supervise(stoppingToken);
                await Task.Delay(options.SupervisionInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Projection daemon: database unavailable, retrying");
                await Task.Delay(options.RetryDelay, time, CancellationToken.None);
            }
        }
        await Task.WhenAll(runners.Values.Select(r => r.Task));
    }

    /// <summary>Gives every projection a live generation, and starts the rebuild a newer projection version needs.</summary>
    private async Task<bool> Prepare(CancellationToken ct)
    {
        foreach (var projection in byName.Values)
        {
            var live = await Generations.EnsureLive(store.DataSource, projection, ct);
            if (live >= projection.Version) continue;
            logger.LogInformation("Projection {Projection} is at version {Live}, this node runs {Version}: rebuilding",
                projection.Name, live, projection.Version);
            await Generations.StartRebuild(store.DataSource, projection, ct);
        }
        return true;
    }

    /// <summary>A misnamed table is a programming error: it fails at construction, not in the background.</summary>
    private static IEnumerable<IProjection> Checked(IEnumerable<IProjection> projections)
    {
        var list = projections.ToList();
        list.ForEach(ProjectionTables.Check);
        return list;
    }

    /// <summary>Starts a runner for every generation of this node's versions that has none here (it exits at once if another node leads).</summary>
    private async Task Supervise(CancellationToken ct)
    {
        await using var command = store.DataSource.CreateCommand(
            "select name, generation, projection_version from projection_progress where name = any($1)");
        command.Parameters.Add(new() { Value = byName.Keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = (reader.GetString(0), reader.GetInt32(1));
            // Another version's tables have another shape: nodes of that version run them.
            if (reader.GetInt32(2) != byName[key.Item1].Version) continue;
            if (runners.TryGetValue(key, out var running) && !running.Task.IsCompleted) continue;
            var runner = new ProjectionRunner(store, byName[key.Item1], key.Item2, options, logger, time, shared);
            runners[key] = (runner, Task.Run(() => RunGuarded(runner), CancellationToken.None));
        }
    }

    private async Task RunGuarded(ProjectionRunner runner)
    {
        try
        {
            await runner.Run(stopping);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogError(e, "Projection runner failed; the daemon restarts it");
        }
    }

    private IProjection Get(string name) =>
        byName.TryGetValue(name, out var p) ? p : throw new ArgumentException($"no projection named '{name}' is registered", nameof(name));

    private bool LedHere(string name, int generation) =>
        runners.TryGetValue((name, generation), out var running) && running.Runner.Leading;
}
