using System.Text.Json.Nodes;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Enrolment.Eligibility;

namespace MutualAdmin.Web.Reports;

/// <summary>
/// R-1, the affiliation register of one mutual for one month, as of an event position: the tenant's
/// household and affiliation events up to that position are folded again (the same deciders'
/// evolvers, the same <see cref="Cover.On"/> as the eligibility index), so the same position always
/// gives the same content, however many events came after.
/// </summary>
public sealed class AffiliationRegister(EventStore.EventStore store)
{
    private static readonly string[] Types = [.. Household.Events.Values, .. Affiliation.Events.Values, .. ContributionAccount.Events.Values];
    private static readonly BeneficiaryState[] Stock = [BeneficiaryState.Waiting, BeneficiaryState.Covered, BeneficiaryState.Suspended, BeneficiaryState.Lapsed];
    private static readonly (string Band, int From, int To)[] AgeBands =
        [("0-4", 0, 4), ("5-14", 5, 14), ("15-24", 15, 24), ("25-49", 25, 49), ("50-64", 50, 64), ("65+", 65, int.MaxValue)];

    /// <param name="scope">Only these households and their affiliations (the dashboard's locality); null for the whole mutual.</param>
    public async Task<JsonObject> Build(string tenant, Period period, long position, ReportScope? scope, CancellationToken ct) =>
        (await Build(tenant, [period], position, scope, ct))[0];

    /// <summary>
    /// Several months as of one position from one pass over the events (the dashboard's trend): the
    /// fold up to the position is the same for every month, only the month end and the flows' month differ.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> Build(string tenant, IReadOnlyList<Period> periods, long position, ReportScope? scope,
        CancellationToken ct) =>
        Render(tenant, await Fold(tenant, position, ct), periods, position, scope);

    /// <summary>The mutual's households and affiliations folded up to a position, and the flows seen on the way.</summary>
    /// <param name="Accounts">The contribution account of each affiliation: its arrears suspend cover on their dates (K-6).</param>
    public sealed record Folded(IReadOnlyDictionary<Guid, Household> Households, IReadOnlyDictionary<Guid, Affiliation> Affiliations,
        IReadOnlyList<(string Flow, DateOnly On, Guid? Household, Guid? Affiliation)> Flows,
        IReadOnlyDictionary<Guid, ContributionAccount> Accounts);

    /// <summary>
    /// The whole mutual, whatever part a report is then rendered for: the dashboard folds while it
    /// works out its locality's part from another read. Without <paramref name="personalData"/> the
    /// people come without name and national ID (the dashboard counts them only), and no person's
    /// sealed data is opened.
    /// </summary>
    public async Task<Folded> Fold(string tenant, long position, CancellationToken ct, bool personalData = true)
    {
        var reader = personalData ? store.ReaderFor(tenant) : store.ReaderFor(tenant).WithSealedPartsClosed();
        var households = new Dictionary<Guid, Household>();
        var affiliations = new Dictionary<Guid, Affiliation>();
        var flows = new List<(string Flow, DateOnly On, Guid? Household, Guid? Affiliation)>();
        var accounts = new Dictionary<string, ContributionAccount>();
        await foreach (var e in reader.ReadTypesUpTo(position, Types, ct))
            switch (e.Data)
            {
                case IHouseholdEvent h:
                    var household = HouseholdId(h);
                    households[household] = Household.Evolve(households.GetValueOrDefault(household) ?? Household.Initial, h);
                    if (Flow(e.Data) is { } personFlow) flows.Add((personFlow.Flow, personFlow.On, household, null));
                    break;
                case IAffiliationEvent a:
                    var id = Guid.Parse(e.StreamKey[(e.StreamKey.IndexOf('-') + 1)..]);
                    affiliations[id] = Affiliation.Evolve(affiliations.GetValueOrDefault(id) ?? Affiliation.Initial, a);
                    if (Flow(e.Data) is { } affiliationFlow) flows.Add((affiliationFlow.Flow, affiliationFlow.On, null, id));
                    break;
                case IContributionEvent c:
                    accounts[e.StreamKey] = ContributionAccount.Evolve(accounts.GetValueOrDefault(e.StreamKey) ?? ContributionAccount.Initial, c);
                    break;
            }
        return new(households, affiliations, flows,
            accounts.Values.OfType<ContributionAccount.Open>().ToDictionary(a => a.AffiliationId, a => (ContributionAccount)a));
    }

    /// <param name="scope">Only these households and their affiliations (the dashboard's locality); null for the whole mutual.</param>
    public static IReadOnlyList<JsonObject> Render(string tenant, Folded folded, IReadOnlyList<Period> periods, long position, ReportScope? scope)
    {
        var flows = folded.Flows.Where(f => scope is null
                || (f.Household is { } h ? scope.Households.Contains(h) : scope.Affiliations.Contains(f.Affiliation!.Value)))
            .Select(f => (f.Flow, f.On)).ToList();
        var byHousehold = folded.Affiliations.Values
            .Select(a => (Terms: TermsOf(a), Affiliation: a, Arrears: TermsOf(a) is { } t ? Cover.ArrearsOf(a, folded.Accounts.GetValueOrDefault(t.AffiliationId)) : []))
            .Where(x => x.Terms is not null)
            .ToLookup(x => x.Terms!.HouseholdId);
        var people = folded.Households.Values.OfType<Household.Registered>().Where(h => scope?.Households.Contains(h.HouseholdId) != false)
            .SelectMany(h => h.People.Select(person => (Person: person, Affiliations: byHousehold[h.HouseholdId]))).ToList();
        return [.. periods.Select(period => Render(tenant, period, position, people, flows))];
    }

    private static JsonObject Render(string tenant, Period period, long position,
        List<(HouseholdPerson Person, IEnumerable<(AffiliationTerms? Terms, Affiliation Affiliation, IReadOnlyList<DateRange> Arrears)> Affiliations)> people,
        List<(string Flow, DateOnly On)> flowsSeen)
    {
        var flows = new SortedDictionary<string, int>(StringComparer.Ordinal)
            { ["new"] = 0, ["renewed"] = 0, ["suspended"] = 0, ["reinstated"] = 0, ["lapsed"] = 0, ["terminated"] = 0, ["deceased"] = 0 };
        foreach (var (flow, on) in flowsSeen)
            if (period.Contains(on)) flows[flow]++;
        var monthEnd = period.Last;
        var rows = new List<Row>();
        foreach (var (person, withAffiliations) in people)
        {
            var best = withAffiliations
                .Select(x => (Cover: Cover.On(monthEnd, person, x.Affiliation, x.Arrears), x.Terms!.Channel))
                .Where(x => Stock.Contains(x.Cover.State))
                .OrderBy(x => Array.IndexOf(Preference, x.Cover.State)).FirstOrDefault();
            if (best.Cover is not null) rows.Add(new(person, best.Cover, best.Channel));
        }
        rows.Sort((x, y) => string.CompareOrdinal(x.Person.BeneficiaryNumber, y.Person.BeneficiaryNumber));

        return new JsonObject
        {
            ["kind"] = ReportKind.AffiliationRegister,
            ["tenant"] = tenant,
            ["period"] = period.ToString(),
            ["position"] = position,
            ["monthEnd"] = Day(monthEnd),
            ["stock"] = new JsonObject
            {
                ["total"] = rows.Count,
                ["byState"] = Counts(rows, r => Wire(r.Cover.State)),
                ["bySex"] = ByState(rows, r => r.Person.Sex),
                ["byAgeBand"] = ByState(rows, r => AgeBand(Ages.InYears(r.Person.BirthDate, monthEnd))),
                ["bySubsidyCategory"] = ByState(rows, r => r.Person.SubsidyCategory),
                ["byChannel"] = ByState(rows, r => r.Channel),
            },
            ["flows"] = new JsonObject([.. flows.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]),
            ["beneficiaries"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["beneficiaryNumber"] = r.Person.BeneficiaryNumber,
                ["nationalId"] = r.Person.Personal?.NationalId,
                ["name"] = r.Person.Personal?.FullName,
                ["sex"] = r.Person.Sex,
                ["birthYear"] = r.Person.BirthYear,
                ["state"] = Wire(r.Cover.State),
                ["coverFrom"] = r.Cover.CoverFrom is { } from ? Day(from) : null,
                ["coverTo"] = r.Cover.CoverTo is { } to ? Day(to) : null,
            })]),
        };
    }

    private static readonly BeneficiaryState[] Preference = [BeneficiaryState.Covered, BeneficiaryState.Suspended, BeneficiaryState.Waiting, BeneficiaryState.Lapsed];

    /// <summary>The flow an event is (affiliations activated, renewed, suspended… and people who died) and the date it happened.</summary>
    private static (string Flow, DateOnly On)? Flow(object e) => e switch
    {
        AffiliationActivated a => ("new", a.ActivatedOn),
        AffiliationRenewed r => ("renewed", r.RenewedOn),
        AffiliationSuspended s => ("suspended", s.SuspendedFrom),
        AffiliationReinstated r => ("reinstated", r.ReinstatedFrom),
        AffiliationLapsed l => ("lapsed", l.LapsedOn),
        AffiliationTerminated t => ("terminated", t.TerminatedOn),
        PersonDied d => ("deceased", d.DiedOn),
        _ => null,
    };

    private static AffiliationTerms? TermsOf(Affiliation a) => a switch
    {
        Affiliation.Pending p => p.Terms,
        Affiliation.Activated x => x.Terms,
        Affiliation.Withdrawn w => w.Terms,
        _ => null,
    };

    private static Guid HouseholdId(IHouseholdEvent e) => e switch
    {
        MemberRegistered m => m.HouseholdId,
        DependantAdded d => d.HouseholdId,
        DependantRemoved r => r.HouseholdId,
        PersonDetailsCorrected c => c.HouseholdId,
        PersonErased x => x.HouseholdId,
        PersonDied d => d.HouseholdId,
        HouseholdTransferredToNewMember t => t.HouseholdId,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name),
    };

    private sealed record Row(HouseholdPerson Person, BeneficiaryCover Cover, string Channel);

    /// <summary>Every stock state, each with its counts by the key (keys in ordinal order, so the content is stable).</summary>
    private static JsonObject ByState(List<Row> rows, Func<Row, string> key) =>
        new([.. Stock.Select(s => KeyValuePair.Create(Wire(s), (JsonNode?)Counts([.. rows.Where(r => r.Cover.State == s)], key)))]);

    private static JsonObject Counts(List<Row> rows, Func<Row, string> key) =>
        new([.. rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))]);

    private static string AgeBand(int age) => AgeBands.First(b => age >= b.From && age <= b.To).Band;

    private static string Wire(BeneficiaryState state) => EligibilityIndex.Wire(state);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
