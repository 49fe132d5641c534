using System.Diagnostics;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.EventStore.Projections;

/// <summary>
/// The stretch of the log just behind the head, read once for all the live projections of a node:
/// each runner following the head takes its own event types from it instead of reading and
/// deserialising the same positions itself. During a collective import (E-10) four projections read
/// every window of the log, two of them deserialising and opening every event.
/// What it holds ends at a head some runner was given, so it is committed and never changes. A runner
/// behind the stretch (a rebuild, a node just started) reads on its own, type-filtered, as before.
/// </summary>
internal sealed class SharedReads(EventStore store, int keep = 10_000)
{
    private readonly object gate = new();
    private readonly List<RecordedEvent> events = [];
    private long from, to; // what is held: every event in (from, to], in position order
    private Task? filling;
    private Task<long>? head;
    private long headReadAt;

    /// <summary>How long a head read serves the runners that ask after it.</summary>
    private static readonly TimeSpan HeadFreshFor = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The head for a live runner's step, one query for the runners asking within 50 ms: max(seq) walks
    /// back over the rows a bulk append has not committed yet (thousands per import batch), and four
    /// runners asked once per step each. An older head is still a committed one, only less far along.
    /// </summary>
    public Task<long> Head(CancellationToken ct)
    {
        lock (gate)
        {
            if (head is null || head.IsFaulted || head.IsCanceled
                || (head.IsCompleted && Stopwatch.GetElapsedTime(headReadAt) > HeadFreshFor))
            {
                headReadAt = Stopwatch.GetTimestamp();
                head = Task.Run(() => store.HeadPosition(CancellationToken.None), CancellationToken.None);
            }
            return head.WaitAsync(ct);
        }
    }

    /// <summary>
    /// The events of <paramref name="types"/> in (after, upTo], at most <paramref name="limit"/>, as
    /// <see cref="EventReader.ReadTypesBetween"/> returns them; null when <paramref name="after"/> lies
    /// behind what is held.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>?> TryRead(long after, long upTo, IReadOnlySet<string> types, int limit,
        CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (after < from) return null;
                if (upTo <= to) return Take(after, upTo, types, limit);
                if (filling is null)
                {
                    // Ahead of what is held (the first read, or all runners idle past it): start again here.
                    if (after > to)
                    {
                        events.Clear();
                        from = to = after;
                    }
                    // On the pool: the fill clears `filling` under this lock when done, so it must not be
                    // able to finish before `filling` is set, as a synchronous completion would.
                    var start = to;
                    filling = Task.Run(() => Fill(start, upTo), CancellationToken.None);
                }
                wait = filling;
            }
            try
            {
                await wait.WaitAsync(ct);
            }
            // An event that fails to read must fail only the projections that take its type: the runner
            // reads on its own, type-filtered, and meets the failure only if the event is one of its own.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return null;
            }
        }
    }

    private async Task Fill(long after, long upTo)
    {
        try
        {
            var read = await store.CrossTenant.ReadBetween(after, upTo, CancellationToken.None);
            lock (gate)
            {
                var before = events.Count;
                events.AddRange(read);
                to = upTo;
                // The oldest go first, never what this read brought: the runner that asked for it is waiting.
                var dropped = Math.Min(events.Count - keep, before);
                if (dropped > 0)
                {
                    from = events[dropped - 1].Position;
                    events.RemoveRange(0, dropped);
                }
            }
        }
        finally
        {
            lock (gate) filling = null;
        }
    }

    private List<RecordedEvent> Take(long after, long upTo, IReadOnlySet<string> types, int limit)
    {
        var taken = new List<RecordedEvent>(Math.Min(limit, 1_000));
        for (var i = FirstAfter(after); i < events.Count && events[i].Position <= upTo && taken.Count < limit; i++)
            if (types.Contains(events[i].Type)) taken.Add(events[i]);
        return taken;
    }

    private int FirstAfter(long position)
    {
        int low = 0, high = events.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (events[middle].Position <= position) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
