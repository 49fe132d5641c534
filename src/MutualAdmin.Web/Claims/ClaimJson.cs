using System.Text.Json.Serialization;
using MutualAdmin.Domain.Claims;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.Web.Claims;

/// <summary>
/// The stored form of the claim and payment-batch events: camelCase, dates as yyyy-MM-dd. A claim
/// names its beneficiary by number only; diagnoses stay in the claim's own events and never leave
/// for the Fund's feed.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ClaimSubmitted))]
[JsonSerializable(typeof(ClaimAdjudicated))]
[JsonSerializable(typeof(ClaimReviewed))]
[JsonSerializable(typeof(ClaimSecondApproved))]
[JsonSerializable(typeof(ClaimPaid))]
[JsonSerializable(typeof(PaymentBatchPrepared))]
[JsonSerializable(typeof(PaymentBatchPaid))]
[JsonSerializable(typeof(IReadOnlyList<ClaimLine>))]
[JsonSerializable(typeof(IReadOnlyList<LineDecision>))]
internal sealed partial class ClaimJson : JsonSerializerContext
{
    /// <summary>Registers every claim and batch event under its alias; harmless when done twice.</summary>
    public static EventTypes Register(EventTypes types) => types.RegisterAll(Claim.Events.Concat(PaymentBatch.Events), Default.GetTypeInfo);
}
