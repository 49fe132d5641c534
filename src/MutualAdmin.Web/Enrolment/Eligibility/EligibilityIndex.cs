using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Contributions;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Web.Enrolment.Eligibility;

/// <summary>
/// The eligibility index, inline (architecture.md decision 5): claims and the Fund's eligibility check
/// must see an affiliation or a death in the same instant it is recorded. For every household touched
/// by the unit of work, it folds the household and its affiliations (stored events + pending ones)
/// and rewrites the periods of each beneficiary. A payment or reversal concerns it too: K-6 arrears
/// suspend cover from due date + grace + 1 whether or not a job has recorded the suspension, so the
/// periods are computed with the arrears of each affiliation's account (architecture.md decision 7).
/// </summary>
public sealed class EligibilityIndex(EventStore.EventStore store) : IBulkInlineProjection
{
    public bool Concerns(IReadOnlyList<PendingEvent> events) =>
        events.Any(e => e.Data is IHouseholdEvent or IAffiliationEvent or IContributionEvent);

    public async Task Apply(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct)
    {
        var households = new HashSet<Guid>();
        var accounts = new HashSet<string>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case IHouseholdEvent: households.Add(Guid.Parse(e.StreamKey["household-".Length..])); break;
                case AffiliationRequested r:
                    await Execute(connection, "insert into household_affiliations values ($1, $2, $3) on conflict do nothing", ct, tenant, r.HouseholdId, r.AffiliationId);
                    households.Add(r.HouseholdId);
                    break;
                case IAffiliationEvent:
                    if (await HouseholdOf(tenant, e.StreamKey, connection, ct) is { } h) households.Add(h);
                    break;
                case IContributionEvent:
                    accounts.Add(e.StreamKey); // a payment's unit holds several events of one account: looked up once
                    break;
            }
        }
        foreach (var account in accounts)
            if (await HouseholdOfAccount(tenant, account, events, connection, ct) is { } payer) households.Add(payer);
        foreach (var household in households) await Rewrite(tenant, household, events, connection, ct);
    }

    /// <summary>
    /// A bulk batch of new households (E-10): nothing stored to fold and no affiliation yet, so the index
    /// is one row per beneficiary, copied. A batch carrying anything else takes the general path.
    /// </summary>
    public async Task ApplyToNewStreams(string tenant, IReadOnlyList<PendingEvent> events, NpgsqlConnection connection,
        NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (events.Any(e => e.Data is not IHouseholdEvent)) { await Apply(tenant, events, connection, transaction, ct); return; }
        await using var copy = await connection.BeginBinaryImportAsync(
            "copy eligibility_beneficiaries (beneficiary_number, tenant_id, household_id, person_id) from stdin (format binary)", ct);
        foreach (var stream in events.GroupBy(e => e.StreamKey))
            if (stream.Aggregate(Household.Initial, (s, e) => Household.Evolve(s, (IHouseholdEvent)e.Data)) is Household.Registered household)
                foreach (var person in household.People)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(person.BeneficiaryNumber, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(household.HouseholdId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(person.PersonId, NpgsqlDbType.Uuid, ct);
                }
        await copy.CompleteAsync(ct);
    }

    private async Task Rewrite(string tenant, Guid householdId, IReadOnlyList<PendingEvent> pending, NpgsqlConnection connection, CancellationToken ct)
    {
        // A household registered by this very unit has nothing stored and no affiliation yet: two reads saved
        // on the hottest path (registration), inside the append gate.
        var isNew = pending.Any(p => p.Data is MemberRegistered m && m.HouseholdId == householdId);
        if (await Fold(EnrolmentStreams.Household(tenant, householdId), Household.Initial,
                (s, e) => e is IHouseholdEvent h ? Household.Evolve(s, h) : s, pending, connection, ct, read: !isNew) is not Household.Registered household) return;
        // Only activated affiliations give cover; each with the arrears of its account (K-6).
        var affiliations = new List<(Affiliation.Activated Affiliation, IReadOnlyList<DateRange> Arrears)>();
        foreach (var id in isNew ? [] : await AffiliationsOf(tenant, householdId, connection, ct))
        {
            if (await Fold(EnrolmentStreams.Affiliation(tenant, id), Affiliation.Initial,
                    (s, e) => e is IAffiliationEvent a ? Affiliation.Evolve(s, a) : s, pending, connection, ct) is not Affiliation.Activated activated)
                continue;
            var account = await Fold(ContributionStreams.Account(tenant, ContributionStreams.AccountId(tenant, id)), ContributionAccount.Initial,
                ContributionStreams.EvolveAccount, pending, connection, ct);
            affiliations.Add((activated, Cover.ArrearsOf(activated, account)));
        }

        await using var batch = new NpgsqlBatch(connection);
        var numbers = household.People.Select(p => p.BeneficiaryNumber).ToArray();
        if (isNew)
        {
            // Fresh numbers and no affiliation: no period to replace, one row per beneficiary in one statement.
            batch.BatchCommands.Add(Command("""
                insert into eligibility_beneficiaries select n, $2, $3, p from unnest($1::text[], $4::uuid[]) u(n, p)
                on conflict (beneficiary_number) do nothing
                """, numbers, tenant, householdId, household.People.Select(p => p.PersonId).ToArray()));
            await batch.ExecuteNonQueryAsync(ct);
            return;
        }
        batch.BatchCommands.Add(Command("delete from eligibility_periods where beneficiary_number = any($1)", (object)numbers));
        foreach (var person in household.People)
        {
            batch.BatchCommands.Add(Command("""
                insert into eligibility_beneficiaries values ($1, $2, $3, $4) on conflict (beneficiary_number) do nothing
                """, person.BeneficiaryNumber, tenant, householdId, person.PersonId));
            foreach (var (affiliation, arrears) in affiliations)
                foreach (var p in Timeline.Of(person, affiliation, arrears))
                    batch.BatchCommands.Add(Command("insert into eligibility_periods values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                        person.BeneficiaryNumber, affiliation.Terms.AffiliationId, p.From, Nullable(p.To),
                        Wire(p.Cover.State), Nullable(p.Cover.CoverFrom), Nullable(p.Cover.CoverTo), tenant, affiliation.Terms.SchemeCode));
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    private async Task<T> Fold<T>(StreamId id, T initial, Func<T, object, T> evolve, IReadOnlyList<PendingEvent> pending,
        NpgsqlConnection connection, CancellationToken ct, bool read = true)
    {
        var stored = read ? await store.ReaderFor(id.Tenant).ReadStream(id, connection: connection, ct: ct) : [];
        var state = stored.Aggregate(initial, (s, e) => evolve(s, e.Data));
        return pending.Where(p => p.StreamKey == id.Key).Aggregate(state, (s, e) => evolve(s, e.Data));
    }

    private static async Task<Guid?> HouseholdOf(string tenant, string affiliationStream, NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select household_id from household_affiliations where tenant_id = $1 and affiliation_id = $2", connection);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = Guid.Parse(affiliationStream["affiliation-".Length..]) });
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    /// <summary>
    /// The household an account's affiliation covers: through the account's opening when this unit opens
    /// it, else in one query through the inline account index.
    /// </summary>
    private static async Task<Guid?> HouseholdOfAccount(string tenant, string accountStream, IReadOnlyList<PendingEvent> pending,
        NpgsqlConnection connection, CancellationToken ct)
    {
        if (pending.Select(p => p.Data).OfType<ContributionAccountOpened>().FirstOrDefault(o => accountStream.EndsWith(o.AccountId.ToString())) is { } opened)
            return await HouseholdOf(tenant, EnrolmentStreams.Affiliation(tenant, opened.AffiliationId).Key, connection, ct);
        await using var command = new NpgsqlCommand("""
            select h.household_id from contribution_accounts a
              join household_affiliations h on h.tenant_id = a.tenant_id and h.affiliation_id = a.affiliation_id
             where a.tenant_id = $1 and a.account_id = $2
            """, connection);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = Guid.Parse(accountStream["contribution-account-".Length..]) });
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    private static async Task<List<Guid>> AffiliationsOf(string tenant, Guid household, NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select affiliation_id from household_affiliations where tenant_id = $1 and household_id = $2", connection);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = household });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(new() { Value = v });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values) command.Parameters.Add(v is NpgsqlParameter p ? p : new() { Value = v });
        return command;
    }

    private static NpgsqlParameter Nullable(DateOnly? date) => new() { Value = (object?)date ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date };

    public static string Wire(BeneficiaryState state) => state switch
    {
        BeneficiaryState.NotAffiliated => "not-affiliated",
        _ => state.ToString().ToLowerInvariant(),
    };
}
