using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.Web.Contributions.Remittances;

/// <summary>
/// The Fund's answers to a submitted statement (K-8, fund-api.md "Remittances"), as commands ready
/// for the Fund API endpoints of a later issue: <c>POST /fund/v1/remittances/{id}/acknowledgement</c>
/// and <c>/dispute</c>. Both are idempotent for the same body and refuse (409, REMITTANCE_SETTLED)
/// a change of a settled statement; acknowledging settles the subsidies it claimed (K-7). The
/// session is opened in the statement's tenant, with the Fund client's metadata.
/// </summary>
public static class FundAnswers
{
    public sealed record Acknowledgement(long ReceivedAmount, string Reference, DateOnly ReceivedOn);
    public sealed record Dispute(string Reason);

    public static async Task<Remittance.Statement?> Acknowledge(EventStore.EventStore store, EventMetadata metadata, Guid id,
        Acknowledgement body, CancellationToken ct)
    {
        await using var session = store.OpenSession(metadata);
        return await Statements.Update(session, id, new AcknowledgeRemittance(id, body.ReceivedAmount, body.Reference, body.ReceivedOn), ct);
    }

    public static async Task<Remittance.Statement?> Disputed(EventStore.EventStore store, EventMetadata metadata, Guid id,
        Dispute body, DateOnly today, CancellationToken ct)
    {
        await using var session = store.OpenSession(metadata);
        return await Statements.Update(session, id, new DisputeRemittance(id, body.Reason, today), ct);
    }
}
