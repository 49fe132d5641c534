using static MutualAdmin.Domain.Contributions.Remittance;
using static MutualAdmin.Domain.Contributions.RemittanceState;

namespace MutualAdmin.Domain.Contributions;

public interface IRemittanceCommand;

/// <summary>
/// Collections and receivables may be given unfiltered: the statement keeps those of its period.
/// <paramref name="Supersedes"/> names the disputed statement this one corrects.
/// </summary>
public sealed record PrepareRemittance(
    Guid RemittanceId, string Period, IReadOnlyList<Collection> Collections, IReadOnlyList<SubsidyReceivable> SubsidiesDue,
    int AdminFeePercent, DateOnly PreparedOn, Guid? Supersedes = null) : IRemittanceCommand;

public sealed record SubmitRemittance(Guid RemittanceId, DateOnly SubmittedOn) : IRemittanceCommand;

public sealed record AcknowledgeRemittance(Guid RemittanceId, long ReceivedAmount, string Reference, DateOnly ReceivedOn) : IRemittanceCommand;

public sealed record DisputeRemittance(Guid RemittanceId, string Reason, DateOnly DisputedOn) : IRemittanceCommand;

public sealed record SupersedeRemittance(Guid RemittanceId, Guid ByRemittanceId, DateOnly SupersededOn) : IRemittanceCommand;

public sealed record RemittanceFigures(long Collected, long Fee, long ToRemit)
{
    /// <summary>K-8: collected in M = payments dated in M − reversals dated in M; fee half-up.</summary>
    public static RemittanceFigures For(IEnumerable<Collection> collections, string period, int adminFeePercent)
    {
        var collected = collections.Where(c => Periods.Of(c.On) == period).Sum(c => c.Amount);
        var fee = Rounding.PercentHalfUp(collected, adminFeePercent);
        return new(collected, fee, collected - fee);
    }
}

public static class RemittanceDecider
{
    static DomainError Settled => new("K-8", "REMITTANCE_SETTLED", "the statement is settled and cannot change");

    public static IReadOnlyList<IRemittanceEvent> Decide(IRemittanceCommand command, Remittance state) => (command, state) switch
    {
        (PrepareRemittance c, NotPrepared) => [Prepare(c)],
        (PrepareRemittance, Statement) => [],
        (_, NotPrepared) => throw new DomainError("K-8", "REMITTANCE_UNKNOWN", "no such statement"),

        (SubmitRemittance c, Statement { State: Prepared }) => [new RemittanceSubmitted(c.RemittanceId, c.SubmittedOn)],
        (SubmitRemittance, Statement { State: Submitted or Acknowledged or Disputed }) => [],

        (AcknowledgeRemittance c, Statement { State: Submitted }) =>
            [new RemittanceAcknowledged(c.RemittanceId, Required(c.Reference, "reference"), c.ReceivedAmount, c.ReceivedOn)],
        (AcknowledgeRemittance c, Statement { State: Acknowledged, Acknowledgement: var a })
            when a == new RemittanceAcknowledged(c.RemittanceId, c.Reference, c.ReceivedAmount, c.ReceivedOn) => [],

        (DisputeRemittance c, Statement { State: Submitted }) =>
            [new RemittanceDisputed(c.RemittanceId, Required(c.Reason, "reason"), c.DisputedOn)],
        (DisputeRemittance c, Statement { State: Disputed, DisputeReason: var reason }) when reason == c.Reason => [],

        (SupersedeRemittance c, Statement { State: Disputed }) => [new RemittanceSuperseded(c.RemittanceId, c.ByRemittanceId, c.SupersededOn)],
        (SupersedeRemittance c, Statement { State: Superseded, SupersededBy: var by }) when by == c.ByRemittanceId => [],
        (SupersedeRemittance, _) => throw new DomainError("K-8", "NOT_DISPUTED", "only a disputed statement is superseded by a correction"),

        (AcknowledgeRemittance or DisputeRemittance, Statement { State: Prepared }) =>
            throw new DomainError("K-8", "NOT_SUBMITTED", "the statement has not been submitted to the Fund"),
        _ => throw Settled,
    };

    static RemittancePrepared Prepare(PrepareRemittance c)
    {
        if (!Periods.IsValid(c.Period)) throw new DomainError("K-8", "PERIOD_INVALID", "expected yyyy-MM", "period");
        var figures = RemittanceFigures.For(c.Collections, c.Period, c.AdminFeePercent);
        var subsidies = c.SubsidiesDue.Where(s => Periods.Of(s.DueOn) == c.Period).ToList();
        return new(c.RemittanceId, c.Period, figures.Collected, figures.Fee, figures.ToRemit,
            subsidies, subsidies.Sum(s => s.Amount), c.Supersedes, c.PreparedOn);
    }

    static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainError("K-8", "REQUIRED", "is required", field) : value;
}
