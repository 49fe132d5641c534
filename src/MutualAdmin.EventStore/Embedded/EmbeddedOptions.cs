namespace MutualAdmin.EventStore.Embedded;

/// <summary>
/// How an embedded cluster keeps what it acknowledged. Every caller states
/// <see cref="SynchronousCommit"/>: with it off, a commit is acknowledged before its WAL reaches the
/// disk, and a power cut can lose payments whose receipts were already printed.
/// </summary>
public sealed record EmbeddedOptions
{
    /// <summary>
    /// On: a commit returns once it is on disk (PostgreSQL's default, the platform's default).
    /// Off: a crash can lose the last few hundred milliseconds of acknowledged commits, never corrupt.
    /// </summary>
    public required bool SynchronousCommit { get; init; }

    /// <summary>Off: a crash can corrupt the cluster. Only for clusters nothing outlives (tests, benchmarks).</summary>
    public bool Fsync { get; init; } = true;

    /// <summary>The folder is deleted when the cluster is stopped (by the handle that stops it).</summary>
    public bool Temporary { get; init; }

    /// <summary>
    /// A test or benchmark cluster: deleted on dispose, and neither fsync nor synchronous commit,
    /// because nothing in it has to survive a crash and the disk would dominate what is measured.
    /// </summary>
    public static EmbeddedOptions Throwaway => new() { SynchronousCommit = false, Fsync = false, Temporary = true };

    /// <summary>The server switches these options stand for.</summary>
    internal IEnumerable<string> ServerSettings()
    {
        yield return $"-c synchronous_commit={(SynchronousCommit ? "on" : "off")}";
        if (!Fsync) { yield return "-c fsync=off"; yield return "-c full_page_writes=off"; }
    }
}
