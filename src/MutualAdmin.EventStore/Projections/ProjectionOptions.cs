namespace MutualAdmin.EventStore.Projections;

public sealed record ProjectionOptions
{
    /// <summary>Events per transaction in normal running: small, so a batch commits quickly.</summary>
    public int BatchSize { get; init; } = 1_000;

    /// <summary>
    /// Events per transaction while rebuilding. Larger is not faster: on 1M events 2,500 rebuilt at
    /// 90k/s where 10,000 managed 67-74k/s (shorter transactions overlap better with the read-ahead).
    /// </summary>
    public int RebuildBatchSize { get; init; } = 2_500;

    /// <summary>How long a caught-up runner waits before looking for new events; bounds the lag.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the daemon retries leadership of projections another node leads.</summary>
    public TimeSpan SupervisionInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait after a database error before the runner tries again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ProgressLogInterval { get; init; } = TimeSpan.FromSeconds(5);
}
