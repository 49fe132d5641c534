namespace MutualAdmin.EventStore.Projections;

/// <summary>What an operator (or a test) asks of the daemon: status, pause, resume, rebuild, dead letters, catch-up.</summary>
public sealed partial class ProjectionDaemon
{
    public IReadOnlyCollection<string> Names => byName.Keys;

    public Task<IReadOnlyList<ProjectionStatus>> Status(CancellationToken ct = default) =>
        StatusQuery.Read(store.DataSource, byName.Keys.ToArray(), LedHere, ct);

    /// <summary>Pauses the projection, its rebuild included, on every node.</summary>
    public Task Pause(string name, string reason = "paused by an operator", CancellationToken ct = default) =>
        Progress.SetPaused(store.DataSource, Get(name).Name, null, true, reason, ct);

    public Task Resume(string name, CancellationToken ct = default) =>
        Progress.SetPaused(store.DataSource, Get(name).Name, null, false, null, ct);

    /// <summary>Starts rebuilding into a new generation; the live one serves until the switch. Returns the new generation.</summary>
    public async Task<int> Rebuild(string name, CancellationToken ct = default)
    {
        var generation = await Generations.StartRebuild(store.DataSource, Get(name), ct);
        if (!stopping.IsCancellationRequested && stopping.CanBeCanceled) await Supervise(ct);
        return generation;
    }

    public async Task RebuildAll(CancellationToken ct = default)
    {
        foreach (var name in byName.Keys) await Rebuild(name, ct);
    }

    public Task<IReadOnlyList<DeadLetter>> DeadLetters(string? projection = null, CancellationToken ct = default) =>
        Projections.DeadLetters.Open(store.DataSource, projection, ct);

    /// <summary>
    /// Applies a dead-lettered event again, once its cause is fixed; false when it was retried already.
    /// Throws if it fails again.
    /// </summary>
    public Task<bool> Retry(DeadLetter letter, CancellationToken ct = default) =>
        Projections.DeadLetters.Retry(store, Get(letter.Projection), letter, ct);

    /// <summary>
    /// Waits until every live projection has applied everything up to the head as of this call.
    /// On timeout throws <see cref="ProjectionsBehindException"/> naming, per projection, its
    /// checkpoint, the head, its state and pause reason, and its dead letters.
    /// </summary>
    public Task WaitForCatchUp(TimeSpan timeout, CancellationToken ct = default) => WaitForCatchUp(byName.Keys, timeout, ct);

    /// <summary>As <see cref="WaitForCatchUp(TimeSpan, CancellationToken)"/>, for the named projections only (others may be paused).</summary>
    public async Task WaitForCatchUp(IReadOnlyCollection<string> names, TimeSpan timeout, CancellationToken ct = default)
    {
        foreach (var name in names) Get(name);
        var head = await store.HeadPosition(ct);
        var started = time.GetTimestamp();
        while (true)
        {
            var statuses = (await Status(ct)).Where(s => names.Contains(s.Name)).ToList();
            var live = statuses.Where(s => s.Live).ToList();
            if (live.Count == names.Count && live.All(s => s.State != ProjectionState.Paused && s.Checkpoint >= head)) return;
            if (time.GetElapsedTime(started) >= timeout) throw new ProjectionsBehindException(timeout, head, statuses);
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
        }
    }

    /// <summary>Waits until no rebuild of <paramref name="name"/> is in progress (switched, or none started).</summary>
    public async Task WaitForRebuild(string name, TimeSpan timeout, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var statuses = (await Status(ct)).Where(s => s.Name == name).ToList();
            if (statuses.All(s => s.Live)) return;
            if (time.GetElapsedTime(started) >= timeout)
                throw new ProjectionsBehindException(timeout, statuses.Max(s => s.Head), statuses);
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
        }
    }
}
