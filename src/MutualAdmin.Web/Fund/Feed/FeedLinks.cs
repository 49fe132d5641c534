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
    public sealed record HouseholdLink(Guid MemberId, string? Locality);
    public sealed record AffiliationLink(Guid HouseholdId, string Scheme);
    public sealed record ClaimLink(string Beneficiary, string Provider, long Claimed, string? Outcome, long Benefit);

    private readonly Links<string> people = new();
    private readonly Links<HouseholdLink> households = new();
    private readonly Links<AffiliationLink> affiliations = new();
    private readonly Links<Guid> accounts = new();
    private readonly Links<ClaimLink> claims = new();

    public void Person(string tenant, Guid person, string number) => people.Set(tenant, person, number);

    public void Household(string tenant, Guid household, Guid member, string? locality) =>
        households.Set(tenant, household, new(member, locality));

    public void Affiliation(string tenant, Guid affiliation, Guid household, string scheme) =>
        affiliations.Set(tenant, affiliation, new(household, scheme));

    public void Account(string tenant, Guid account, Guid affiliation) => accounts.Set(tenant, account, affiliation);

    public void Claim(string tenant, Guid claim, ClaimLink link) => claims.Set(tenant, claim, link);

    public async Task<ClaimLink?> ClaimOf(string tenant, Guid claim, CancellationToken ct) =>
        claims.TryGet(tenant, claim, out var c) ? c
        : await Read("select beneficiary_number, provider_id, claimed, outcome, benefit from {0} where tenant_id = $1 and claim_id = $2",
            "fund_feed_claims", tenant, claim, r => new ClaimLink(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4)), ct) is { } found
            ? claims.Remember(tenant, claim, found) : null;

    public async Task<string?> NumberOf(string tenant, Guid person, CancellationToken ct) =>
        people.TryGet(tenant, person, out var n) ? n
        : people.Remember(tenant, person, (await Read("select beneficiary_number from {0} where tenant_id = $1 and person_id = $2",
            "fund_feed_people", tenant, person, r => r.GetString(0), ct))!);

    public async Task<HouseholdLink?> HouseholdOf(string tenant, Guid household, CancellationToken ct) =>
        households.TryGet(tenant, household, out var h) ? h
        : await Read("select member_id, locality from {0} where tenant_id = $1 and household_id = $2",
            "fund_feed_households", tenant, household, r => new HouseholdLink(r.GetGuid(0), r.IsDBNull(1) ? null : r.GetString(1)), ct) is { } found
            ? households.Remember(tenant, household, found) : null;

    public async Task<AffiliationLink?> AffiliationOf(string tenant, Guid affiliation, CancellationToken ct) =>
        affiliations.TryGet(tenant, affiliation, out var a) ? a
        : await Read("select household_id, scheme_code from {0} where tenant_id = $1 and affiliation_id = $2",
            "fund_feed_affiliations", tenant, affiliation, r => new AffiliationLink(r.GetGuid(0), r.GetString(1)), ct) is { } found
            ? affiliations.Remember(tenant, affiliation, found) : null;

    public async Task<Guid?> AccountOf(string tenant, Guid account, CancellationToken ct) =>
        accounts.TryGet(tenant, account, out var a) ? a
        : await Read("select affiliation_id from {0} where tenant_id = $1 and account_id = $2",
            "fund_feed_accounts", tenant, account, r => (Guid?)r.GetGuid(0), ct) is { } found
            ? accounts.Remember(tenant, account, found) : null;

    /// <summary>
    /// One set-based upsert per side table: a collective import (E-10) adds people by the thousand per
    /// batch, which one statement per person made the feed's largest cost. The last value of a key wins,
    /// as it did statement by statement.
    /// </summary>
    public async Task Save(CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        Upsert(batch, "fund_feed_people", "person_id", people, "beneficiary_number",
            ("beneficiary_number", "text", p => p));
        Upsert(batch, "fund_feed_households", "household_id", households, "member_id, locality",
            ("member_id", "uuid", h => h.MemberId), ("locality", "text", h => h.Locality));
        Upsert(batch, "fund_feed_affiliations", "affiliation_id", affiliations, "household_id, scheme_code",
            ("household_id", "uuid", a => a.HouseholdId), ("scheme_code", "text", a => a.Scheme));
        Upsert(batch, "fund_feed_accounts", "account_id", accounts, "affiliation_id",
            ("affiliation_id", "uuid", a => a));
        Upsert(batch, "fund_feed_claims", "claim_id", claims, "outcome, benefit",
            ("beneficiary_number", "text", c => c.Beneficiary), ("provider_id", "text", c => c.Provider),
            ("claimed", "bigint", c => c.Claimed), ("outcome", "text", c => c.Outcome), ("benefit", "bigint", c => c.Benefit));
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }

    private void Upsert<T>(NpgsqlBatch batch, string table, string key, Links<T> links, string updated,
        params (string Name, string Type, Func<T, object?> Value)[] columns)
    {
        if (links.Changed.Count == 0) return;
        // The key and the tenant, then the columns, each as an array parameter.
        string[] types = ["uuid", "text", .. columns.Select(c => c.Type)];
        var set = string.Join(", ", updated.Split(", ").Select(c => $"{c} = excluded.{c}"));
        var command = new NpgsqlBatchCommand($"""
            insert into {tables[table]} ({key}, tenant_id, {string.Join(", ", columns.Select(c => c.Name))})
            select * from unnest({string.Join(", ", types.Select((type, i) => $"${i + 1}::{type}[]"))})
            on conflict (tenant_id, {key}) do update set {set}
            """);
        var rows = links.Changed.ToArray();
        command.Parameters.Add(new() { Value = rows.Select(r => r.Key.Id).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Key.Tenant).ToArray() });
        foreach (var (_, type, value) in columns)
            command.Parameters.Add(new()
            {
                Value = type switch
                {
                    "text" => rows.Select(r => (string?)value(r.Value)).ToArray(),
                    "uuid" => rows.Select(r => (Guid)value(r.Value)!).ToArray(),
                    _ => (object)rows.Select(r => (long)value(r.Value)!).ToArray(),
                },
            });
        batch.BatchCommands.Add(command);
    }

    /// <summary>One side table as the batch sees it: what it read or wrote, and what it wrote.</summary>
    private sealed class Links<T>
    {
        private readonly Dictionary<(string Tenant, Guid Id), T> known = [];

        public Dictionary<(string Tenant, Guid Id), T> Changed { get; } = [];

        public bool TryGet(string tenant, Guid id, out T value) => known.TryGetValue((tenant, id), out value!);

        public T Remember(string tenant, Guid id, T value) => known[(tenant, id)] = value;

        public void Set(string tenant, Guid id, T value) => known[(tenant, id)] = Changed[(tenant, id)] = value;
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
