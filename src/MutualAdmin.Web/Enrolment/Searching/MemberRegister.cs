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

    // 2: no index on search_name (a name matches as a prefix of any word, which a btree cannot
    // serve: the search reads the tenant's rows), and phone and national ID indexed only where
    // present (most dependants have neither). Every index is paid for on each imported person.
    // 3: each household's member found by household (the arrears list names whom to call), indexed
    // for members only: one row in five or so of an import.
    public int Version => 3;

    public string CreateTables(ProjectionTables tables) => $"""
        create table {tables[Table]} (
            tenant_id text not null, person_id uuid not null, household_id uuid not null,
            beneficiary_number text not null, relationship text not null, full_name text, search_name text,
            phone text, national_id_hash bytea, sex text not null, birth_year int not null,
            status text not null, position bigint not null,
            primary key (tenant_id, person_id));
        create index on {tables[Table]} (tenant_id, beneficiary_number);
        create index on {tables[Table]} (tenant_id, phone) where phone is not null;
        create index on {tables[Table]} (tenant_id, national_id_hash) where national_id_hash is not null;
        create index on {tables[Table]} (tenant_id, household_id) where relationship = 'member';
        """;

    public async Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var table = batch.Tables[Table];
        await using var sql = new NpgsqlBatch(connection, transaction);
        // New people (nearly every event, above all during a collective import) go in as one
        // set-based insert per run of them; a change to a person keeps its place after the run.
        var people = new List<NewPerson>();
        foreach (var e in batch.Events)
        {
            if (e.Data switch
                {
                    MemberRegistered m => new NewPerson(e, m.PersonId, m.HouseholdId, m.BeneficiaryNumber, Relationship.Member, m.Personal, m.Sex, m.BirthYear),
                    DependantAdded d => new NewPerson(e, d.PersonId, d.HouseholdId, d.BeneficiaryNumber, d.Relationship, d.Personal, d.Sex, d.BirthYear),
                    _ => null,
                } is { } person)
            {
                people.Add(person);
                continue;
            }
            if (Change(e, table) is not { } command) continue;
            if (people.Count > 0) sql.BatchCommands.Add(Insert(people, table));
            people.Clear();
            sql.BatchCommands.Add(command);
        }
        if (people.Count > 0) sql.BatchCommands.Add(Insert(people, table));
        if (sql.BatchCommands.Count > 0) await sql.ExecuteNonQueryAsync(ct);
    }

    private sealed record NewPerson(RecordedEvent Event, Guid PersonId, Guid HouseholdId, string Number, string Relationship,
        PersonalData? Personal, string Sex, int BirthYear);

    private NpgsqlBatchCommand? Change(RecordedEvent e, string table) => e.Data switch
    {
        PersonDetailsCorrected c => Correct(e, table, c),
        PersonErased x => Update(e, table, "full_name = null, search_name = null, phone = null, national_id_hash = null", x.PersonId),
        DependantRemoved r => Update(e, table, "status = 'removed'", r.PersonId),
        PersonDied d => Update(e, table, "status = 'deceased'", d.PersonId),
        HouseholdTransferredToNewMember t => Update(e, table, "relationship = 'member'", t.NewMemberId),
        _ => null,
    };

    private NpgsqlBatchCommand Insert(List<NewPerson> people, string table) => With(new($"""
            insert into {table} (tenant_id, person_id, household_id, beneficiary_number, relationship, full_name, search_name,
                                 phone, national_id_hash, sex, birth_year, status, position)
            select t, p, h, n, r, f, s, ph, nid, sx, y, 'current', pos
              from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                          $9::bytea[], $10::text[], $11::int[], $12::bigint[]) as u(t, p, h, n, r, f, s, ph, nid, sx, y, pos)
            on conflict (tenant_id, person_id) do nothing
            """),
            people.Select(p => p.Event.Tenant).ToArray(), people.Select(p => p.PersonId).ToArray(), people.Select(p => p.HouseholdId).ToArray(),
            people.Select(p => p.Number).ToArray(), people.Select(p => p.Relationship).ToArray(),
            people.Select(p => p.Personal?.FullName).ToArray(),
            people.Select(p => p.Personal is null ? null : PersonHashes.Simplify(p.Personal.FullName)).ToArray(),
            people.Select(p => Phones.Normalise(p.Personal?.Phone)).ToArray(),
            people.Select(p => p.Personal?.NationalId is { } id ? hashes.NationalId(id) : null).ToArray(),
            people.Select(p => p.Sex).ToArray(), people.Select(p => p.BirthYear).ToArray(), people.Select(p => p.Event.Position).ToArray());

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
