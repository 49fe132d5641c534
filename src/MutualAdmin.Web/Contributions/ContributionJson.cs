using System.Text.Json.Serialization;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.Web.Contributions;

/// <summary>The stored form of the contribution and remittance events: camelCase, dates as yyyy-MM-dd. No personal data.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ContributionAccountOpened))]
[JsonSerializable(typeof(CoverageYearStarted))]
[JsonSerializable(typeof(BeneficiaryContributionCalled))]
[JsonSerializable(typeof(ContributionPaid))]
[JsonSerializable(typeof(CreditApplied))]
[JsonSerializable(typeof(ContributionReversed))]
[JsonSerializable(typeof(RemittancePrepared))]
[JsonSerializable(typeof(RemittanceSubmitted))]
[JsonSerializable(typeof(RemittanceAcknowledged))]
[JsonSerializable(typeof(RemittanceDisputed))]
[JsonSerializable(typeof(RemittanceSuperseded))]
internal sealed partial class ContributionJson : JsonSerializerContext
{
    /// <summary>Registers every contribution and remittance event under its alias; harmless when done twice.</summary>
    public static EventTypes Register(EventTypes types) => types.RegisterAll(ContributionAccount.Events.Concat(Remittance.Events), Default.GetTypeInfo);
}
