namespace MutualAdmin.EventStore.Projections;

/// <summary>Thrown by <see cref="ProjectionDaemon.WaitForCatchUp"/> with every projection's status, so a failing test says why.</summary>
public sealed class ProjectionsBehindException(TimeSpan timeout, long head, IReadOnlyList<ProjectionStatus> statuses)
    : Exception(Explain(timeout, head, statuses))
{
    public IReadOnlyList<ProjectionStatus> Statuses { get; } = statuses;

    private static string Explain(TimeSpan timeout, long head, IReadOnlyList<ProjectionStatus> statuses) =>
        $"projections did not reach position {head} within {timeout.TotalSeconds:F1}s:" + Environment.NewLine +
        (statuses.Count == 0 ? "  no progress rows at all: has the daemon been started (StartAsync, or the host)?" : "") +
        string.Join(Environment.NewLine, statuses.Select(s => "  " + s + Hint(s, head)));

    private static string Hint(ProjectionStatus s, long head) => s switch
    {
        { State: ProjectionState.Paused } => " <- paused: resume it, or fix the cause above",
        { Checkpoint: var c } when c >= head => "",
        { LedHere: false } => " <- behind and no runner on this node: is the daemon started, or does another node lead it?",
        { OpenDeadLetters: > 0 } => " <- behind with dead letters: see the daemon's log",
        _ => " <- behind",
    };
}
