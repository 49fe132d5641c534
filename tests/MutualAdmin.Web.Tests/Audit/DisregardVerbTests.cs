using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;
using MutualAdmin.Web.Audit.Disregarding;

namespace MutualAdmin.Web.Tests.Audit;

/// <summary>Issue 22: the platform operator's `disregard-event`, the same record a manager makes through the API.</summary>
[Collection(Collection)]
public sealed class DisregardVerbTests(TestCluster cluster) : VerbTest(cluster)
{
    [Fact]
    public async Task The_operator_disregards_an_impossible_event_once_and_only_an_impossible_one()
    {
        await Mutual("thies", "manager");
        var store = Service<EventStore.EventStore>();
        var account = Guid.NewGuid();
        await using var session = store.OpenSession(new EventMetadata("thies", Guid.NewGuid().ToString(), "record-payment"));
        session.StartStream(new StreamId("thies", $"contribution-account-{account}"), "contribution-account",
            new ContributionPaid(account, "R-OLD-1", long.MaxValue, new(2026, 1, 5), "cash", "member", [], long.MaxValue),
            new ContributionPaid(account, "R-OLD-2", 5000, new(2026, 1, 6), "cash", "member", [], 5000));
        var written = await session.SaveChanges();
        var (impossible, plausible) = (written[0].Position, written[1].Position);

        Assert.Equal(1, await Run("disregard-event", "--tenant", "thies", "--position", $"{plausible}", "--reason", "typo"));
        Assert.Equal(2, await Run("disregard-event", "--tenant", "thies", "--position", $"{impossible}", "--reason", " "));
        Assert.Equal(0, await Run("disregard-event", "--tenant", "thies", "--position", $"{impossible}", "--reason", "amount typed into the receipt field"));
        Assert.Equal(0, await Run("disregard-event", "--tenant", "thies", "--position", $"{impossible}", "--reason", "again"));

        var disregards = await store.ReaderFor("thies").ReadStream(DisregardedStream.Of("thies"));
        var only = Assert.Single(disregards);
        Assert.Equal((impossible, "amount", "amount typed into the receipt field", "disregard-event", "platform-operator"),
            (((EventDisregarded)only.Data).Position, ((EventDisregarded)only.Data).Field, ((EventDisregarded)only.Data).Reason,
             only.Metadata.Command, only.Metadata.Role));
        Assert.Equal(0, await Run("verify", "--tenant", "thies", "--out", Path.Combine(Path.GetTempPath(), $"verification-{Guid.NewGuid():N}.json")));
    }
}
