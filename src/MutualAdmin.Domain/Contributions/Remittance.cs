using System.Text.Json.Serialization;

namespace MutualAdmin.Domain.Contributions;

// K-8: the monthly statement of what the mutual remits to the Fund and the subsidies it claims.

public interface IRemittanceEvent;

public sealed record RemittancePrepared(
    Guid RemittanceId, string Period, long Collected, long Fee, long ToRemit,
    IReadOnlyList<SubsidyReceivable> SubsidiesClaimed, long SubsidiesTotal, Guid? Supersedes, DateOnly PreparedOn) : IRemittanceEvent;

public sealed record RemittanceSubmitted(Guid RemittanceId, DateOnly SubmittedOn) : IRemittanceEvent;

/// <summary>Settles the statement and the subsidy receivables it claimed (K-7).</summary>
public sealed record RemittanceAcknowledged(Guid RemittanceId, string Reference, long ReceivedAmount, DateOnly ReceivedOn) : IRemittanceEvent;

public sealed record RemittanceDisputed(Guid RemittanceId, string Reason, DateOnly DisputedOn) : IRemittanceEvent;

public sealed record RemittanceSuperseded(Guid RemittanceId, Guid ByRemittanceId, DateOnly SupersededOn) : IRemittanceEvent;

[JsonConverter(typeof(WireEnum<RemittanceState>))]
public enum RemittanceState { Prepared, Submitted, Acknowledged, Disputed, Superseded }

public abstract record Remittance
{
    public sealed record NotPrepared : Remittance;

    public sealed record Statement(
        Guid RemittanceId, string Period, long Collected, long Fee, long ToRemit,
        IReadOnlyList<SubsidyReceivable> SubsidiesClaimed, RemittanceState State,
        RemittanceAcknowledged? Acknowledgement = null, string? DisputeReason = null, Guid? SupersededBy = null) : Remittance;

    public static readonly IReadOnlyDictionary<Type, string> Events = new Dictionary<Type, string>
    {
        [typeof(RemittancePrepared)] = "remittance-prepared",
        [typeof(RemittanceSubmitted)] = "remittance-submitted",
        [typeof(RemittanceAcknowledged)] = "remittance-acknowledged",
        [typeof(RemittanceDisputed)] = "remittance-disputed",
        [typeof(RemittanceSuperseded)] = "remittance-superseded",
    };

    public static Remittance Initial => new NotPrepared();

    public static Remittance Evolve(Remittance state, IRemittanceEvent @event) => (state, @event) switch
    {
        (NotPrepared, RemittancePrepared e) => new Statement(e.RemittanceId, e.Period, e.Collected, e.Fee, e.ToRemit, e.SubsidiesClaimed, RemittanceState.Prepared),
        (Statement s, RemittanceSubmitted) => s with { State = RemittanceState.Submitted },
        (Statement s, RemittanceAcknowledged e) => s with { State = RemittanceState.Acknowledged, Acknowledgement = e },
        (Statement s, RemittanceDisputed e) => s with { State = RemittanceState.Disputed, DisputeReason = e.Reason },
        (Statement s, RemittanceSuperseded e) => s with { State = RemittanceState.Superseded, SupersededBy = e.ByRemittanceId },
        _ => state,
    };
}
