using System.Text.Json;
using System.Text.RegularExpressions;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.Domain.Tests.Contributions;
using MutualAdmin.Domain.Tests.Enrolment;

namespace MutualAdmin.Domain.Tests;

/// <summary>What the event store relies on: every event has a unique stable alias and round-trips as JSON.</summary>
public partial class EventContractTests
{
    static readonly Type[] Markers = [typeof(ISchemeEvent), typeof(IHouseholdEvent), typeof(IAffiliationEvent),
        typeof(IContributionEvent), typeof(IRemittanceEvent), typeof(IClaimEvent), typeof(IPaymentBatchEvent)];

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();

    [Fact]
    public void Every_event_type_has_a_unique_kebab_case_alias()
    {
        var eventTypes = typeof(EventTypes).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && Markers.Any(m => m.IsAssignableFrom(t))).ToList();
        Assert.Equal(eventTypes.OrderBy(t => t.Name), EventTypes.All.Keys.OrderBy(t => t.Name));
        Assert.Equal(EventTypes.All.Count, EventTypes.All.Values.Distinct().Count());
        Assert.All(EventTypes.All.Values, alias => Assert.Matches(KebabCase(), alias));
    }

    public static TheoryData<object> Samples => new(
        new SchemeVersionPublished(DemoScheme.CsuBase, DateTimeOffset.UnixEpoch),
        People.AwaRegistered,
        new AffiliationActivated(Guid.NewGuid(), new(2026, 3, 15), new(2027, 3, 14)),
        Accounts.QuarterlyOpened(new(2026, 3, 15), new(2026, 3, 1)),
        new RemittanceAcknowledged(Guid.NewGuid(), "FND-1", 11110, new(2026, 8, 20)),
        ClaimDecider.Decide(new SubmitClaim(Claims.Claims.Claim(), Claims.Claims.Facts()), Claim.Initial)[0],
        ClaimDecider.Decide(new SubmitClaim(Claims.Claims.Claim(), Claims.Claims.Facts()), Claim.Initial)[1]);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Events_round_trip_through_system_text_json(object @event)
    {
        var json = JsonSerializer.Serialize(@event, @event.GetType(), JsonSerializerOptions.Web);
        var back = JsonSerializer.Deserialize(json, @event.GetType(), JsonSerializerOptions.Web)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, back.GetType(), JsonSerializerOptions.Web));
    }

    [Fact]
    public void Outcomes_and_states_are_written_with_their_wire_names()
    {
        Assert.Equal("\"partially-approved\"", JsonSerializer.Serialize(ClaimOutcome.PartiallyApproved));
        Assert.Equal("\"not-affiliated\"", JsonSerializer.Serialize(BeneficiaryState.NotAffiliated));
        Assert.Equal(RemittanceState.Acknowledged, JsonSerializer.Deserialize<RemittanceState>("\"acknowledged\""));
    }
}
