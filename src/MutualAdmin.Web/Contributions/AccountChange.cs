using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Streams;
using static MutualAdmin.Domain.Contributions.ContributionAccount;

namespace MutualAdmin.Web.Contributions;

/// <summary>
/// One change of an account and what follows for its affiliation (Standing: E-6, K-6), decided
/// together and appended in one unit, so the eligibility index (inline) sees both or neither.
/// </summary>
public sealed record AccountChange(AccountFile File, IReadOnlyList<IContributionEvent> AccountEvents,
    IReadOnlyList<IAffiliationEvent> AffiliationEvents, Open Account)
{
    public static AccountChange Decide(AccountFile file, IContributionCommand? command, DateOnly on)
    {
        var (account, events) = file.Current();
        var all = new List<IContributionEvent>(events);
        var state = command is null ? account : AccountFile.Apply(account, all, command);
        var affiliation = file.Affiliation.State;
        var affiliationEvents = new List<IAffiliationEvent>();
        foreach (var follow in Standing.Follow(affiliation, (Open)state, on, file.Terms.GracePeriodDays))
        {
            var decided = AffiliationDecider.Decide(follow, affiliation);
            affiliationEvents.AddRange(decided);
            affiliation = decided.Aggregate(affiliation, Affiliation.Evolve);
            // E-6: the activation date starts the first coverage year, which dates the later quarters (K-3).
            if (follow is ActivateAffiliation activated)
                state = AccountFile.Apply(state, all, new StartCoverageYear(file.AccountId, activated.FirstInstalmentPaidOn));
        }
        return new(file, all, affiliationEvents, (Open)state);
    }

    public bool IsNothing => AccountEvents.Count == 0 && AffiliationEvents.Count == 0;

    /// <summary>Queues the events on the session; nothing when the command was already done.</summary>
    public void AppendTo(EventSession session)
    {
        if (AccountEvents.Count > 0)
        {
            var stored = File.Stored;
            session.Append(stored.Id, stored.Version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(stored.Version),
                [.. AccountEvents], "contribution-account");
        }
        if (AffiliationEvents.Count > 0) session.Append(File.Affiliation, [.. AffiliationEvents]);
    }
}
