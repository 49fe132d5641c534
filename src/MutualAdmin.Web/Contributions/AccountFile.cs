using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.EventStore;
using MutualAdmin.Web.Enrolment;
using MutualAdmin.Web.Schemes;
using static MutualAdmin.Domain.Contributions.ContributionAccount;

namespace MutualAdmin.Web.Contributions;

/// <summary>
/// Everything a contribution command of one affiliation reads, loaded in its session: the affiliation,
/// its household, the account of its first coverage year and the versions of its scheme. S-2: the
/// account opens under the version in force on the day the affiliation was requested (the first
/// instalment's due date, K-3); a beneficiary added later is called under the version in force on the
/// day they were added (their due date, K-1). The grace period of K-6 is the one the affiliation
/// recorded (<see cref="AffiliationTerms.GracePeriodDays"/>), as for cover (E-8): a version the Fund
/// later dates back to the request day changes neither.
/// </summary>
public sealed record AccountFile(
    StreamState<Affiliation> Affiliation, AffiliationTerms Terms, Household.Registered Household,
    StreamState<ContributionAccount> Stored, SchemeCatalogue Catalogue)
{
    /// <summary>The version the account opens under: in force on the request day (<see cref="Load"/> checked there is one).</summary>
    private SchemeVersion Scheme => Catalogue.InForceOn(Terms.RequestedOn)!;

    public Guid AccountId => ContributionStreams.AccountId(Stored.Id.Tenant, Terms.AffiliationId);

    /// <summary>
    /// The account is opened on first use rather than by a listener, so the affiliation's own unit
    /// never waits for it: the opening (K-1 … K-3) and the call of any beneficiary added since (K-1)
    /// are decided here and appended with the command that needed them.
    /// </summary>
    public (Open Account, IReadOnlyList<IContributionEvent> Events) Current()
    {
        var events = new List<IContributionEvent>();
        var state = Stored.State;
        if (state is NotOpened)
        {
            var start = (Affiliation.State as Affiliation.Activated)?.ActivatedOn;
            // Everyone current on the request day is charged in full; later additions are called below.
            var charged = Household.People.Where(p => p.AddedOn <= Terms.RequestedOn && p.IsPresentOn(Terms.RequestedOn))
                .Select(p => new BeneficiaryToCharge(p.PersonId, p.SubsidyCategory)).ToList();
            state = Apply(state, events, new OpenContributionAccount(AccountId, Terms.AffiliationId, Terms.PaymentPlan,
                Terms.RequestedOn, start, charged, Scheme));
        }
        if (state is Open { CoverageYearStart: null } && Affiliation.State is Affiliation.Activated activated)
            state = Apply(state, events, new StartCoverageYear(AccountId, activated.ActivatedOn));
        // Anyone current and not charged yet joined after the account opened, even on the same day (K-1).
        foreach (var person in Household.Current.Where(p => !((Open)state).Dues.Any(d => d.PersonId == p.PersonId)))
            state = Apply(state, events, new CallBeneficiaryContribution(AccountId, person.PersonId, person.SubsidyCategory, person.AddedOn,
                DueOn(person.AddedOn)));
        return ((Open)state, events);
    }

    /// <summary>S-2 for a due date: the version then in force, or the account's own for a date before it.</summary>
    private SchemeVersion DueOn(DateOnly date) => date > Terms.RequestedOn ? Catalogue.InForceOn(date)! : Scheme;

    public static ContributionAccount Apply(ContributionAccount state, List<IContributionEvent> events, IContributionCommand command)
    {
        var decided = Enrolment.InputErrors.Decide(() => ContributionAccountDecider.Decide(command, state));
        events.AddRange(decided);
        return decided.Aggregate(state, ContributionAccount.Evolve);
    }

    public static async Task<AccountFile?> Load(EventSession session, Guid affiliationId, SchemeCatalogues catalogues, CancellationToken ct)
    {
        var affiliation = await session.FetchAffiliation(affiliationId, ct);
        if (Enrolment.Affiliating.ApproveAffiliation.TermsOf(affiliation.State) is not { } terms) return null;
        if ((await session.FetchHousehold(terms.HouseholdId, ct)).State is not Household.Registered household) return null;
        var catalogue = await catalogues.Load(terms.SchemeCode, ct);
        if (catalogue.InForceOn(terms.RequestedOn) is null)
            throw new DomainError("S-2", "SCHEME_NOT_IN_FORCE", $"no version of {terms.SchemeCode} is in force on {terms.RequestedOn:yyyy-MM-dd}");
        var account = await session.FetchAccount(ContributionStreams.AccountId(session.Tenant, affiliationId), ct);
        return new(affiliation, terms, household, account, catalogue);
    }
}
