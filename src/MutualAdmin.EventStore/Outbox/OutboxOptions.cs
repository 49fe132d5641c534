namespace MutualAdmin.EventStore.Outbox;

public sealed record OutboxOptions
{
    /// <summary>After this many failed attempts a message is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait after the first failure; each further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claim lasts: a node that dies mid-send leaves the message to others after this.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; init; } = 50;

    /// <summary>The recovery sweep's period when no commit notification arrives.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    internal TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * (1L << Math.Min(attempt - 1, 30))));
}
