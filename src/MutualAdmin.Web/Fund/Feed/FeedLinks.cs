using MutualAdmin.EventStore.Projections;
using Npgsql;

namespace MutualAdmin.Web.Fund.Feed;

/// <summary>
/// What the feed remembers between events: person → beneficiary number, household → member and
/// locality, affiliation → household and scheme, contribution account → affiliation. Reads go to the
/// batch's own changes first, then to the tables; the batch's changes are saved with its rows.
/// </summary>
internal sealed class FeedLinks(ProjectionTables tables, NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public sealed record HouseholdLink(Guid MemberId, string Locality);
    public sealed record AffiliationLink(Guid HouseholdId, string Scheme);
    public sealed record ClaimLink(string Beneficiary, string Provider, long Claimed, string? Outcome, long Benefit);

    private readonly Dictionary<(string, Guid), string> people = [];
    private readonly Dictionary<(string, Guid), HouseholdLink> households = [];
    private readonly Dictionary<(string, Guid), AffiliationLink> affiliations = [];
    private readonly Dictionary<(string, Guid), Guid> accounts = [];
    private readonly Dictionary<(string, Guid), ClaimLink> claims = [];
    private readonly List<NpgsqlBatchCommand> writes = [];

    public void Person(string tenant, Guid person, string number)
    {
        people[(tenant, person)] = number;
        Write("fund_feed_people", "(tenant_id, person_id, beneficiary_number) values ($1, $2, $3)", "(tenant_id, person_id)",
            "beneficiary_number = excluded.beneficiary_number", tenant, person, number);
    }

    public void Household(string tenant, Guid household, Guid member, string locality)
    {
        households[(tenant, household)] = new(member, locality);
        Write("fund_feed_households", "(tenant_id, household_id, member_id, locality) values ($1, $2, $3, $4)", "(tenant_id, household_id)",
            "member_id = excluded.member_id, locality = excluded.locality", tenant, household, member, locality);
    }

    public void Affiliation(string tenant, Guid affiliation, Guid household, string scheme)
    {
        affiliations[(tenant, affiliation)] = new(household, scheme);
        Write("fund_feed_affiliations", "(tenant_id, affiliation_id, household_id, scheme_code) values ($1, $2, $3, $4)",
            "(tenant_id, affiliation_id)", "household_id = excluded.household_id, scheme_code = excluded.scheme_code", tenant, affiliation, household, scheme);
    }

    public void Account(string tenant, Guid account, Guid affiliation)
    {
        accounts[(tenant, account)] = affiliation;
        Write("fund_feed_accounts", "(tenant_id, account_id, affiliation_id) values ($1, $2, $3)", "(tenant_id, account_id)",
            "affiliation_id = excluded.affiliation_id", tenant, account, affiliation);
    }

    public void Claim(string tenant, Guid claim, ClaimLink link)
    {
        claims[(tenant, claim)] = link;
        Write("fund_feed_claims", "(tenant_id, claim_id, beneficiary_number, provider_id, claimed, outcome, benefit) values ($1, $2, $3, $4, $5, $6, $7)",
            "(tenant_id, claim_id)", "outcome = excluded.outcome, benefit = excluded.benefit",
            tenant, claim, link.Beneficiary, link.Provider, link.Claimed, (object?)link.Outcome ?? DBNull.Value, link.Benefit);
    }

    public async Task<ClaimLink?> ClaimOf(string tenant, Guid claim, CancellationToken ct) =>
        claims.TryGetValue((tenant, claim), out var c) ? c
        : await Read("select beneficiary_number, provider_id, claimed, outcome, benefit from {0} where tenant_id = $1 and claim_id = $2",
            "fund_feed_claims", tenant, claim, r => new ClaimLink(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4)), ct) is { } found
            ? claims[(tenant, claim)] = found : null;

    public async Task<string?> NumberOf(string tenant, Guid person, CancellationToken ct) =>
        people.TryGetValue((tenant, person), out var n) ? n
        : people[(tenant, person)] = (await Read("select beneficiary_number from {0} where tenant_id = $1 and person_id = $2",
            "fund_feed_people", tenant, person, r => r.GetString(0), ct))!;

    public async Task<HouseholdLink?> HouseholdOf(string tenant, Guid household, CancellationToken ct) =>
        households.TryGetValue((tenant, household), out var h) ? h
        : await Read("select member_id, locality from {0} where tenant_id = $1 and household_id = $2",
            "fund_feed_households", tenant, household, r => new HouseholdLink(r.GetGuid(0), r.GetString(1)), ct) is { } found
            ? households[(tenant, household)] = found : null;

    public async Task<AffiliationLink?> AffiliationOf(string tenant, Guid affiliation, CancellationToken ct) =>
        affiliations.TryGetValue((tenant, affiliation), out var a) ? a
        : await Read("select household_id, scheme_code from {0} where tenant_id = $1 and affiliation_id = $2",
            "fund_feed_affiliations", tenant, affiliation, r => new AffiliationLink(r.GetGuid(0), r.GetString(1)), ct) is { } found
            ? affiliations[(tenant, affiliation)] = found : null;

    public async Task<Guid?> AccountOf(string tenant, Guid account, CancellationToken ct) =>
        accounts.TryGetValue((tenant, account), out var a) ? a
        : await Read("select affiliation_id from {0} where tenant_id = $1 and account_id = $2",
            "fund_feed_accounts", tenant, account, r => (Guid?)r.GetGuid(0), ct) is { } found
            ? accounts[(tenant, account)] = found : null;

    public async Task Save(CancellationToken ct)
    {
        if (writes.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var w in writes) batch.BatchCommands.Add(w);
        await batch.ExecuteNonQueryAsync(ct);
    }

    private void Write(string table, string values, string key, string update, params object[] parameters)
    {
        var command = new NpgsqlBatchCommand($"insert into {tables[table]} {values} on conflict {key} do update set {update}");
        foreach (var p in parameters)
            command.Parameters.Add(p is DBNull ? new() { Value = p, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new() { Value = p });
        writes.Add(command);
    }

    private async Task<T?> Read<T>(string sql, string table, string tenant, Guid id, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        // Earlier writes of this batch are not saved yet, but every read goes to the dictionaries first.
        await using var command = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, tables[table]), connection, transaction);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? read(reader) : default;
    }
}
