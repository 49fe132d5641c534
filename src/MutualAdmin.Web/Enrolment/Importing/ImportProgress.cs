using System.Collections.Concurrent;

namespace MutualAdmin.Web.Enrolment.Importing;

public sealed record RowProblem(int Row, string Field, string Reason);

/// <summary>What an import did (E-10), or has done so far while it runs.</summary>
public sealed record ImportReport(Guid ImportId, string Collector, bool Finished, long RowsDone, long HouseholdsRegistered,
    long RowsRegistered, long RowsAlreadyRegistered, long RowsRejected, long Events, IReadOnlyList<RowProblem> Problems);

/// <summary>One running import's counters, updated from several units at once.</summary>
public sealed class ImportRun(Guid id, string collector)
{
    private long rowsDone, households, registered, skipped, rejected, events;
    private readonly ConcurrentBag<RowProblem> problems = [];
    private bool finished;

    public void Registered(int rows, int eventCount)
    {
        Interlocked.Increment(ref households);
        Interlocked.Add(ref registered, rows);
        Interlocked.Add(ref events, eventCount);
        Interlocked.Add(ref rowsDone, rows);
    }

    public void Skipped(int rows)
    {
        Interlocked.Add(ref skipped, rows);
        Interlocked.Add(ref rowsDone, rows);
    }

    public void Rejected(int rows, RowProblem? problem = null)
    {
        if (problem is not null) problems.Add(problem);
        Interlocked.Add(ref rejected, rows);
        Interlocked.Add(ref rowsDone, rows);
    }

    public ImportReport Finish()
    {
        finished = true;
        return Report();
    }

    public ImportReport Report() => new(id, collector, finished, Interlocked.Read(ref rowsDone), Interlocked.Read(ref households),
        Interlocked.Read(ref registered), Interlocked.Read(ref skipped), Interlocked.Read(ref rejected), Interlocked.Read(ref events),
        [.. problems.OrderBy(p => p.Row).ThenBy(p => p.Field, StringComparer.Ordinal)]);
}

/// <summary>
/// Imports of this node, so staff can watch one while it runs (rows done so far). An import belongs
/// to its mutual: another mutual neither reads it nor replaces it by starting one under the same id.
/// </summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<(string Tenant, Guid Id), ImportRun> runs = new();

    public ImportRun Start(string tenant, Guid id, string collector) => runs[(tenant, id)] = new ImportRun(id, collector);

    public ImportReport? Find(string tenant, Guid id) => runs.TryGetValue((tenant, id), out var run) ? run.Report() : null;
}
