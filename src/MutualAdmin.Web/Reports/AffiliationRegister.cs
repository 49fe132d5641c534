using System.Text.Json.Nodes;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Enrolment.Eligibility;
using MutualAdmin.Web.Ui.Dashboards;

namespace MutualAdmin.Web.Reports;

/// <summary>
/// R-1, the affiliation register of one mutual for one month, as of an event position: the tenant's
/// household and affiliation events up to that position are folded (the same deciders' evolvers, the
/// same <see cref="Cover.On"/> as the eligibility index), so the same position always gives the same
/// content, however many events came after. The fold is kept between requests
/// (<see cref="ReportFolds"/>) with the people's sealed data closed; the people a register can list
/// (those of a household with an affiliation) are then read again with it open, up to the position.
/// </summary>
public sealed class AffiliationRegister(EventStore.EventStore store, ReportFolds folds)
{
    private static readonly BeneficiaryState[] Stock = [BeneficiaryState.Waiting, BeneficiaryState.Covered, BeneficiaryState.Suspended, BeneficiaryState.Lapsed];
    private static readonly (string Band, int From, int To)[] AgeBands =
        [("0-4", 0, 4), ("5-14", 5, 14), ("15-24", 15, 24), ("25-49", 25, 49), ("50-64", 50, 64), ("65+", 65, int.MaxValue)];

    /// <summary>Households read together when their people's sealed data is opened.</summary>
    private const int HouseholdsPerRead = 1000;

    /// <summary>The whole mutual's register of a month, with names and national IDs.</summary>
    public async Task<JsonObject> Build(string tenant, Period period, long position, CancellationToken ct)
    {
        var taken = await Take(tenant, position, ct);
        return Render(tenant, await WithPersonalData(tenant, taken, position, ct), [period], position, null)[0];
    }

    private Task<Taken> Take(string tenant, long position, CancellationToken ct) =>
        folds.Read(tenant, position, () => new RegisterFold(), Taken.Of, ct);

    /// <summary>
    /// The households and affiliations as of a position, sealed data closed (the dashboard counts the
    /// people only), with the part of them in a locality and every locality of the mutual.
    /// </summary>
    public Task<(Taken Taken, ReportScope? Scope, IReadOnlyList<Locality> Localities)> Take(string tenant, long position, LocalityFilter filter,
        CancellationToken ct) =>
        folds.Read(tenant, position, () => new RegisterFold(), fold =>
        {
            var (scope, localities) = fold.Localities.For(filter);
            return (Taken.Of(fold), scope, localities);
        }, ct);

    /// <summary>
    /// What a register is rendered from, copied out of the kept fold: each registered household's
    /// people with the affiliations it has terms for (and their arrears, K-6), and the flows seen.
    /// </summary>
    public sealed record Taken(IReadOnlyList<(Household.Registered Household, IReadOnlyList<Affiliated> Affiliations)> Households,
        IReadOnlyList<(string Flow, DateOnly On, Guid? Household, Guid? Affiliation)> Flows)
    {
        internal static Taken Of(RegisterFold fold)
        {
            var accounts = fold.Accounts.Values.OfType<ContributionAccount.Open>().ToDictionary(a => a.AffiliationId, a => (ContributionAccount)a);
            // Affiliations in the order they were first seen, as the whole fold always listed them (a person's best cover takes the first on a tie).
            var byHousehold = fold.Affiliations.Values
                .Select(a => (Terms: TermsOf(a), Affiliation: a))
                .Where(x => x.Terms is not null)
                .Select(x => new Affiliated(x.Terms!, x.Affiliation, Cover.ArrearsOf(x.Affiliation, accounts.GetValueOrDefault(x.Terms!.AffiliationId))))
                .ToLookup(x => x.Terms.HouseholdId);
            return new([.. fold.Households.Values.OfType<Household.Registered>()
                    .Select(h => (h, byHousehold.Contains(h.HouseholdId) ? (IReadOnlyList<Affiliated>)[.. byHousehold[h.HouseholdId]] : []))],
                [.. fold.Flows]);
        }
    }

    public sealed record Affiliated(AffiliationTerms Terms, Affiliation Affiliation, IReadOnlyList<DateRange> Arrears);

    /// <summary>
    /// The households that have an affiliation (only their people can be in a stock) folded again from
    /// their own streams up to the position with the sealed data open: names, national IDs and the birth
    /// dates that cover and age bands use, as a whole replay opens them.
    /// </summary>
    private async Task<Taken> WithPersonalData(string tenant, Taken taken, long position, CancellationToken ct)
    {
        var reader = store.ReaderFor(tenant);
        var opened = new Dictionary<Guid, Household.Registered>();
        foreach (var chunk in taken.Households.Where(h => h.Affiliations.Count > 0).Select(h => h.Household.HouseholdId).Chunk(HouseholdsPerRead))
        {
            var streams = await reader.ReadStreams([.. chunk.Select(id => Enrolment.EnrolmentStreams.Household(tenant, id))], ct: ct);
            foreach (var (id, events) in streams)
                if (events.Where(e => e.Position <= position).Select(e => e.Data).OfType<IHouseholdEvent>()
                        .Aggregate(Household.Initial, Household.Evolve) is Household.Registered household)
                    opened[household.HouseholdId] = household;
        }
        return taken with { Households = [.. taken.Households.Select(h => (opened.GetValueOrDefault(h.Household.HouseholdId) ?? h.Household, h.Affiliations))] };
    }

    /// <param name="scope">Only these households and their affiliations (the dashboard's locality); null for the whole mutual.</param>
    public static IReadOnlyList<JsonObject> Render(string tenant, Taken taken, IReadOnlyList<Period> periods, long position, ReportScope? scope)
    {
        var flows = taken.Flows.Where(f => scope is null
                || (f.Household is { } h ? scope.Households.Contains(h) : scope.Affiliations.Contains(f.Affiliation!.Value)))
            .Select(f => (f.Flow, f.On)).ToList();
        // A person is in a stock by an affiliation of their household: those of households without one are never counted.
        var people = taken.Households.Where(h => h.Affiliations.Count > 0 && scope?.Households.Contains(h.Household.HouseholdId) != false)
            .SelectMany(h => h.Household.People.Select(person => (Person: person, h.Affiliations))).ToList();
        return [.. periods.Select(period => Render(tenant, period, position, people, flows))];
    }

    /// <summary>The households and affiliations of a mutual folded, with the flows seen on the way and the localities the dashboard offers.</summary>
    internal sealed class RegisterFold : ReportFold
    {
        private static readonly string[] All = [.. Household.Events.Values, .. Affiliation.Events.Values, .. ContributionAccount.Events.Values];
        public override string[] Types => All;
        public override bool Guarded => false;

        public readonly Dictionary<Guid, Household> Households = [];
        public readonly Dictionary<Guid, Affiliation> Affiliations = [];
        public readonly List<(string Flow, DateOnly On, Guid? Household, Guid? Affiliation)> Flows = [];
        /// <summary>The contribution account of each affiliation: its arrears suspend cover on their dates (K-6).</summary>
        public readonly Dictionary<string, ContributionAccount> Accounts = [];
        public readonly LocalityScope.Seen Localities = new();

        public override void Apply(RecordedEvent e)
        {
            switch (e.Data)
            {
                case IHouseholdEvent h:
                    var household = HouseholdId(h);
                    Households[household] = Household.Evolve(Households.GetValueOrDefault(household) ?? Household.Initial, h);
                    if (Flow(e.Data) is { } personFlow) Flows.Add((personFlow.Flow, personFlow.On, household, null));
                    break;
                case IAffiliationEvent a:
                    var id = Guid.Parse(e.StreamKey[(e.StreamKey.IndexOf('-') + 1)..]);
                    Affiliations[id] = Affiliation.Evolve(Affiliations.GetValueOrDefault(id) ?? Affiliation.Initial, a);
                    if (Flow(e.Data) is { } affiliationFlow) Flows.Add((affiliationFlow.Flow, affiliationFlow.On, null, id));
                    break;
                case IContributionEvent c:
                    Accounts[e.StreamKey] = ContributionAccount.Evolve(Accounts.GetValueOrDefault(e.StreamKey) ?? ContributionAccount.Initial, c);
                    break;
            }
            Localities.Apply(e.Data);
        }
    }

    private static JsonObject Render(string tenant, Period period, long position,
        List<(HouseholdPerson Person, IReadOnlyList<Affiliated> Affiliations)> people,
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
                .Select(x => (Cover: Cover.On(monthEnd, person, x.Affiliation, x.Arrears), x.Terms.Channel))
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
