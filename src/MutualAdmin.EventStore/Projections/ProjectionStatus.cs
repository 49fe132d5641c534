namespace MutualAdmin.EventStore.Projections;

public enum ProjectionState { Running, Rebuilding, Paused }

/// <summary>
/// One generation of a projection as an operator sees it. Positions are counted as events: they are
/// dense apart from the rare hole a rolled-back append leaves.
/// </summary>
public sealed record ProjectionStatus(
    string Name,
    int Generation,
    bool Live,
    ProjectionState State,
    long Checkpoint,
    long Head,
    double LagSeconds,
    string? PausedReason,
    long OpenDeadLetters,
    bool LedHere,
    RebuildProgress? Rebuild)
{
    public long LagPositions => Math.Max(0, Head - Checkpoint);
    public bool CaughtUp => State != ProjectionState.Paused && Checkpoint >= Head;

    public override string ToString() =>
        $"{Name} v{Generation} ({(Live ? "live" : "rebuild")}, {State}): checkpoint {Checkpoint} of head {Head}, " +
        $"{LagPositions} positions / {LagSeconds:F1}s behind, {OpenDeadLetters} open dead letters, " +
        $"{(LedHere ? "led by this node" : "not led by this node")}" +
        (PausedReason is null ? "" : $", paused: {PausedReason}") + (Rebuild is null ? "" : $", {Rebuild}");
}

/// <summary>A rebuild's progress: done of total, rate, and the estimated time left at that rate.</summary>
public sealed record RebuildProgress(long Done, long Total, double RatePerSecond, TimeSpan? TimeLeft)
{
    internal static RebuildProgress From(long doneSinceStart, long position, long head, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? doneSinceStart / elapsed.TotalSeconds : 0;
        return new(position, head, rate, rate > 0 ? TimeSpan.FromSeconds((head - position) / rate) : null);
    }

    public override string ToString() => $"{Done}/{Total} at {RatePerSecond:F0}/s, about {TimeLeft?.ToString(@"hh\:mm\:ss") ?? "?"} left";
}
