using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore;
using static MutualAdmin.Domain.Contributions.Remittance;

namespace MutualAdmin.Web.Contributions.Remittances;

/// <summary>
/// The statements of a month, numbered 1, 2, … in the order they were prepared: a correction of a
/// disputed statement (K-8) is the next number. Ids derive from tenant, period and number, so
/// finding a month's statements needs no index and two racing preparations of one number collide
/// on the stream (one wins, the other retries and finds it).
/// </summary>
public static class Statements
{
    public sealed record View(Guid RemittanceId, int? Number, string Period, string State, long Collected, long Fee, long ToRemit,
        long SubsidiesClaimed, IReadOnlyList<SubsidyReceivable> Subsidies, Guid? SupersededBy, RemittanceAcknowledged? Acknowledgement, string? DisputeReason);

    public static Guid IdOf(string tenant, string period, int number) => StableId.From("remittance", tenant, period, number.ToString());

    public static async Task<IReadOnlyList<(int Number, StreamState<Remittance> Stream)>> OfMonth(EventSession session, string period, CancellationToken ct)
    {
        var found = new List<(int, StreamState<Remittance>)>();
        for (var n = 1; ; n++)
        {
            var stream = await Fetch(session, IdOf(session.Tenant, period, n), ct);
            if (stream.State is NotPrepared) return found;
            found.Add((n, stream));
        }
    }

    public static Task<StreamState<Remittance>> Fetch(EventSession session, Guid id, CancellationToken ct) =>
        session.FetchForWriting(ContributionStreams.Remittance(session.Tenant, id), Initial, ContributionStreams.EvolveRemittance, ct: ct);

    public static View ToView(Statement s, int? number) => new(s.RemittanceId, number, s.Period, s.State.ToString().ToLowerInvariant(),
        s.Collected, s.Fee, s.ToRemit, s.SubsidiesClaimed.Sum(x => x.Amount), s.SubsidiesClaimed, s.SupersededBy, s.Acknowledgement, s.DisputeReason);

    /// <summary>Load, decide, append (skipped when already done): the one path of submit, acknowledge and dispute.</summary>
    public static async Task<Statement?> Update(EventSession session, Guid id, IRemittanceCommand command, CancellationToken ct)
    {
        var stream = await Fetch(session, id, ct);
        if (stream.State is NotPrepared) return null;
        var events = Enrolment.InputErrors.Decide(() => RemittanceDecider.Decide(command, stream.State));
        if (events.Count > 0)
        {
            session.Append(stream, [.. events]);
            await session.SaveChanges(ct);
        }
        return (Statement)events.Aggregate(stream.State, Remittance.Evolve);
    }
}
