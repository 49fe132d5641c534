namespace MutualAdmin.EventStore.Outbox;

/// <summary>
/// A side effect to perform after the business transaction commits (a Fund webhook, an e-mail).
/// <paramref name="Payload"/> is JSON; <paramref name="MessageId"/> travels with it so the receiver's
/// inbox can drop redeliveries.
/// </summary>
public sealed record OutboxMessage(string Destination, string Type, string Payload, Guid? MessageId = null);

/// <summary>A claimed message as a sender gets it; <paramref name="Attempt"/> starts at 1.</summary>
public sealed record OutboxEnvelope(string Tenant, long Id, Guid MessageId, string Destination, string Type, string Payload, int Attempt);

/// <summary>Delivers messages of one destination. Throwing means "not delivered": the message is retried with backoff.</summary>
public interface IOutboxSender
{
    string Destination { get; }

    Task Send(OutboxEnvelope message, CancellationToken ct);
}
