using MutualAdmin.EventStore.Events;

namespace MutualAdmin.EventStore.Projections;

/// <summary>
/// The next batch, read on its own connection while the current one is applied, so a rebuild or a
/// runner catching up overlaps reading with writing. Used only if the checkpoint lands where it starts.
/// </summary>
internal sealed record ReadAhead(long After, long UpTo, int Limit, Task<IReadOnlyList<RecordedEvent>> Events)
{
    /// <summary>
    /// A bounded window keeps the read an index range scan whatever the planner thinks of the type
    /// filter (a fresh or rare type otherwise tempts it into sorting the whole tail of the log).
    /// </summary>
    public static long WindowEnd(long after, long head, int limit) => Math.Min(head, after + 2L * limit);

    public static ReadAhead Start(long after, long head, int limit, Func<long, long, Task<IReadOnlyList<RecordedEvent>>> read)
    {
        var upTo = WindowEnd(after, head, limit);
        return new(after, upTo, limit, read(after, upTo));
    }

    /// <summary>Drops an unused read, observing its failure so it is not reported as unobserved.</summary>
    public void Forget() => Events.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
}
