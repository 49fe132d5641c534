using System.Collections.Concurrent;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Audit.Disregarding;

namespace MutualAdmin.Web.Reports;

/// <summary>
/// One part of a mutual's events folded for the reports (R-1's households and affiliations, R-2's
/// accounts, R-3's claims), up to <see cref="Position"/>. A fold is the same whether it was made in
/// one pass or advanced page after page, because it only ever moves forward through the log in
/// position order, and positions are drawn in commit order: nothing can later appear before it.
/// </summary>
public abstract class ReportFold
{
    /// <summary>Every event of <see cref="Types"/> of the mutual up to here is folded, and none after.</summary>
    public long Position { get; internal set; }

    public abstract string[] Types { get; }

    /// <summary>Whether impossible values are checked against the manager's disregards (issue 22), as do.</summary>
    public abstract bool Guarded { get; }

    /// <summary>Whether the events are read with their sealed parts open (none of the parts needs them: names are read for the listed people only).</summary>
    public virtual EventReader Reader(EventReader reader) => reader.WithSealedPartsClosed();

    public abstract void Apply(RecordedEvent e);
}

/// <summary>
/// The report folds kept between requests: of each part, per mutual, the one at the latest position
/// asked for, and <see cref="PastKept"/> more for positions before it (a published month that the Fund
/// reads again, a dashboard's month back). A request takes the kept fold with the greatest position
/// at or before its own and folds only the events since (at the head: the few of the last seconds);
/// when none is early enough, a fresh fold starts from the beginning, as every report did before
/// (issue 21: a mutual of 100,000 households took 4–6 s a report and 5.5 s a dashboard, folding the
/// whole log several times a page), and is kept in place of the past one used longest ago.
/// A kept fold is advanced and read by one request at a time; what a request reads of it is taken
/// while it holds the fold, so a later advance never changes what a report is rendering.
/// </summary>
public sealed class ReportFolds(EventStore.EventStore store, ILogger<ReportFolds> logger)
{
    /// <summary>Past folds kept per part and mutual, besides the latest: each holds a whole part of the mutual in memory.</summary>
    public const int PastKept = 1;

    /// <summary>Events read a page at a time, as a replay always read them.</summary>
    private const int Page = 5000;

    private sealed class Kept(ReportFold fold)
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly ReportFold Fold = fold;
        public long LastUsed;
    }

    private readonly ConcurrentDictionary<(string Tenant, Type Part), List<Kept>> kept = new();
    private long requests;

    /// <summary>
    /// <paramref name="read"/> of the part <typeparamref name="TFold"/> of <paramref name="tenant"/> folded up to
    /// <paramref name="position"/>; <paramref name="read"/> must copy what it keeps (the fold moves on after it).
    /// </summary>
    public async Task<T> Read<TFold, T>(string tenant, long position, Func<TFold> create, Func<TFold, T> read, CancellationToken ct)
        where TFold : ReportFold
    {
        var folds = kept.GetOrAdd((tenant, typeof(TFold)), _ => []);
        while (true)
        {
            Kept chosen;
            lock (folds)
            {
                chosen = folds.Where(k => k.Fold.Position <= position).MaxBy(k => k.Fold.Position) ?? Fresh(folds, create());
                chosen.LastUsed = ++requests;
            }
            await chosen.Gate.WaitAsync(ct);
            try
            {
                // Another request may have moved it past this position while this one waited: choose again.
                if (chosen.Fold.Position > position) continue;
                await Advance(chosen.Fold, tenant, position, ct);
                return read((TFold)chosen.Fold);
            }
            finally
            {
                chosen.Gate.Release();
            }
        }
    }

    /// <summary>A fold from the beginning, kept in place of the past fold used longest ago when there are enough.</summary>
    private static Kept Fresh(List<Kept> folds, ReportFold fold)
    {
        if (folds.Count > PastKept)
        {
            var latest = folds.MaxBy(k => k.Fold.Position)!;
            folds.Remove(folds.Where(k => k != latest).MinBy(k => k.LastUsed)!);
        }
        var kept = new Kept(fold);
        folds.Add(kept);
        return kept;
    }

    /// <summary>
    /// Folds the events in (fold's position, <paramref name="position"/>]. When an event cannot be folded
    /// (an impossible value nobody disregarded), the fold stays at the event before it, so a later
    /// request folds that event again, with the disregards known by then.
    /// </summary>
    private async Task Advance(ReportFold fold, string tenant, long position, CancellationToken ct)
    {
        if (fold.Position >= position) return;
        var reader = fold.Reader(store.ReaderFor(tenant));
        // Issue 22: a report as of a position honours what was disregarded by then.
        var guard = fold.Guarded ? Disregards.For(reader, tenant, position) : null;
        // The next page is read (and its events deserialized, most of a fold's time) while this one is folded.
        Task<IReadOnlyList<RecordedEvent>>? next = reader.ReadTypes(fold.Position, position, fold.Types, Page, ct);
        try
        {
            while (next is not null)
            {
                var reading = next;
                next = null;
                var events = await reading;
                next = events.Count < Page ? null : reader.ReadTypes(events[^1].Position, position, fold.Types, Page, ct);
                foreach (var e in events)
                {
                    if (guard is null || await guard.Foldable(e, ct)) fold.Apply(e);
                    fold.Position = e.Position;
                }
            }
        }
        finally
        {
            // A fold that failed does not need the page read ahead; whatever became of that read is still said.
            if (next is { } ahead)
                await ahead.ContinueWith(t =>
                {
                    if (t.Exception is { } failed) logger.LogWarning(failed, "A report fold's read-ahead failed after the fold itself had");
                }, TaskScheduler.Default);
        }
        fold.Position = position;
    }
}
