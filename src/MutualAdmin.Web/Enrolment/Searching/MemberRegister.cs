using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Enrolment.Privacy;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Web.Enrolment.Searching;

/// <summary>
/// The member register staff search (async): one row per beneficiary, found by name prefix, number,
/// national ID (as its keyed hash, never in clear) or phone. Rows are idempotent by position. An
/// erased person folds back with no name, so a rebuild after an erasure drops them from name search.
/// </summary>
public sealed class MemberRegister(PersonHashes hashes) : IProjection
{
    public const string Table = "member_register";
    public string Name => "member-register";
    public IReadOnlyCollection<string> EventTypes => Household.Events.Values.ToList();
    public IReadOnlyCollection<string> Tables => [Table];

    public string CreateTables(ProjectionTables tables) => $"""
        create table {tables[Table]} (
            tenant_id text not null, person_id uuid not null, household_id uuid not null,
            beneficiary_number text not null, relationship text not null, full_name text, search_name text,
            phone text, national_id_hash bytea, sex text not null, birth_year int not null,
            status text not null, position bigint not null,
            primary key (tenant_id, person_id));
        create index on {tables[Table]} (tenant_id, search_name text_pattern_ops);
        create index on {tables[Table]} (tenant_id, beneficiary_number);
        create index on {tables[Table]} (tenant_id, phone);
        create index on {tables[Table]} (tenant_id, national_id_hash);
        """;

    public async Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var table = batch.Tables[Table];
        await using var sql = new NpgsqlBatch(connection, transaction);
        foreach (var e in batch.Events)
            if (Command(e, table) is { } command) sql.BatchCommands.Add(command);
        if (sql.BatchCommands.Count > 0) await sql.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlBatchCommand? Command(RecordedEvent e, string table) => e.Data switch
    {
        MemberRegistered m => Insert(e, table, m.PersonId, m.HouseholdId, m.BeneficiaryNumber, Relationship.Member, m.Personal, m.Sex, m.BirthYear),
        DependantAdded d => Insert(e, table, d.PersonId, d.HouseholdId, d.BeneficiaryNumber, d.Relationship, d.Personal, d.Sex, d.BirthYear),
        PersonDetailsCorrected c => Correct(e, table, c),
        PersonErased x => Update(e, table, "full_name = null, search_name = null, phone = null, national_id_hash = null", x.PersonId),
        DependantRemoved r => Update(e, table, "status = 'removed'", r.PersonId),
        PersonDied d => Update(e, table, "status = 'deceased'", d.PersonId),
        HouseholdTransferredToNewMember t => Update(e, table, "relationship = 'member'", t.NewMemberId),
        _ => null,
    };

    private NpgsqlBatchCommand Insert(RecordedEvent e, string table, Guid person, Guid household, string number, string relationship,
        PersonalData? personal, string sex, int birthYear) => With(new($"""
            insert into {table} values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'current', $12)
            on conflict (tenant_id, person_id) do nothing
            """), e.Tenant, person, household, number, relationship, Text(personal?.FullName), Text(personal is null ? null : PersonHashes.Simplify(personal.FullName)),
            Text(Phones.Normalise(personal?.Phone)),
            new NpgsqlParameter { Value = personal?.NationalId is { } id ? hashes.NationalId(id) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea },
            sex, birthYear, e.Position);

    private NpgsqlBatchCommand Correct(RecordedEvent e, string table, PersonDetailsCorrected c) => With(new($"""
            update {table} set full_name = $3, search_name = $4, phone = $5, national_id_hash = $6, sex = $7, birth_year = $8, position = $9
             where tenant_id = $1 and person_id = $2 and position < $9
            """), e.Tenant, c.PersonId, Text(c.Personal?.FullName), Text(c.Personal is null ? null : PersonHashes.Simplify(c.Personal.FullName)),
            Text(Phones.Normalise(c.Personal?.Phone)),
            new NpgsqlParameter { Value = c.Personal?.NationalId is { } id ? hashes.NationalId(id) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea },
            c.Sex, c.BirthYear, e.Position);

    private static NpgsqlBatchCommand Update(RecordedEvent e, string table, string set, Guid person) => With(new(
        $"update {table} set {set}, position = $3 where tenant_id = $1 and person_id = $2 and position < $3"), e.Tenant, person, e.Position);

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlBatchCommand With(NpgsqlBatchCommand command, params object[] values)
    {
        foreach (var v in values) command.Parameters.Add(v as NpgsqlParameter ?? new NpgsqlParameter { Value = v });
        return command;
    }
}

public static class Phones
{
    /// <summary>Digits only, so "+221 77-123 45 67" and "221771234567" find the same member.</summary>
    public static string? Normalise(string? phone) =>
        phone is null ? null : new string([.. phone.Where(char.IsAsciiDigit)]) is { Length: > 0 } digits ? digits : null;
}
