using MutualAdmin.EventStore.Projections;
using Npgsql;

namespace MutualAdmin.Benchmarks.Scenarios;

/// <summary>
/// A representative read model: the beneficiary register, one row per beneficiary, upserted by
/// array parameters (one statement per batch) and idempotent by position.
/// </summary>
public sealed class BeneficiaryRegister : IProjection
{
    public string Name => "beneficiary-register";
    public IReadOnlyCollection<string> EventTypes { get; } = ["beneficiary-enrolled"];
    public IReadOnlyCollection<string> Tables { get; } = ["beneficiary_register"];

    // Keys are identifiers, not prose: byte order ("C") compares them without the locale (measured 20% faster upserts).
    public string CreateTables(ProjectionTables tables) => $"""
        create table {tables["beneficiary_register"]} (
            tenant_id text collate "C" not null, beneficiary_number text collate "C" not null, household text not null, sex text not null,
            birth_year int not null, locality text not null, subsidy_category text not null, relationship text not null,
            enrolled_on date not null, position bigint not null,
            primary key (tenant_id, beneficiary_number))
        """;

    public async Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        // One row per key per statement (ON CONFLICT cannot touch a row twice): the latest event wins.
        var rows = batch.Events.Where(e => e.Data is BeneficiaryEnrolled)
            .Select(e => (e.Tenant, e.Position, Data: (BeneficiaryEnrolled)e.Data))
            .GroupBy(r => (r.Tenant, r.Data.BeneficiaryNumber)).Select(g => g.Last()).ToList();
        await using var command = new NpgsqlCommand($"""
            insert into {batch.Tables["beneficiary_register"]} as r
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::date[], $10::bigint[])
            on conflict (tenant_id, beneficiary_number) do update
               set household = excluded.household, sex = excluded.sex, birth_year = excluded.birth_year,
                   locality = excluded.locality, subsidy_category = excluded.subsidy_category,
                   relationship = excluded.relationship, enrolled_on = excluded.enrolled_on, position = excluded.position
             where r.position < excluded.position
            """, connection, transaction);
        command.Parameters.Add(new() { Value = rows.Select(r => r.Tenant).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Data.BeneficiaryNumber).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Data.Household).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Data.Sex).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Data.BirthYear).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Data.Locality).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Data.SubsidyCategory).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Data.Relationship).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Data.EnrolledOn).ToArray() });
        command.Parameters.Add(new() { Value = rows.Select(r => r.Position).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }
}
