using System.Collections.Concurrent;
using MutualAdmin.EventStore.Outbox;

namespace MutualAdmin.EventStore.Tests.Outbox;

/// <summary>A sender that records what it delivered, and fails or hangs when told to.</summary>
public sealed class RecordingSender(string destination = "fund-webhook") : IOutboxSender
{
    public string Destination => destination;
    public ConcurrentQueue<OutboxEnvelope> Sent { get; } = new();
    public int Calls => calls;
    public Func<OutboxEnvelope, CancellationToken, Task>? Before { get; set; }
    private int calls;

    public async Task Send(OutboxEnvelope message, CancellationToken ct)
    {
        Interlocked.Increment(ref calls);
        if (Before is not null) await Before(message, ct);
        Sent.Enqueue(message);
    }
}
