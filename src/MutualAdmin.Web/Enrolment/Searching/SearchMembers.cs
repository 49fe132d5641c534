using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Enrolment.Privacy;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Enrolment.Searching;

/// <summary>Staff find a member by name prefix, beneficiary number, national ID or phone (paged).</summary>
public static class SearchMembers
{
    public sealed record Hit(Guid HouseholdId, Guid PersonId, string BeneficiaryNumber, string Relationship,
        string? FullName, string Sex, int BirthYear, string Status);
    public sealed record Page(IReadOnlyList<Hit> Items, int PageNumber, int PageSize, long Total);

    public static async Task<Ok<Page>> Handle(Actor actor, NpgsqlDataSource db, PersonHashes hashes, CancellationToken ct,
        string? name = null, string? beneficiaryNumber = null, string? nationalId = null, string? phone = null,
        int page = 1, int pageSize = 20)
    {
        if (beneficiaryNumber is not null && !BeneficiaryNumber.IsValid(beneficiaryNumber))
            throw RequestValidationException.For("beneficiaryNumber", "E-2: bad check digit or format");
        if (page < 1) throw RequestValidationException.For("page", "starts at 1");
        if (pageSize is < 1 or > 100) throw RequestValidationException.For("pageSize", "is between 1 and 100");
        var prefix = string.IsNullOrWhiteSpace(name) ? null : Like(PersonHashes.Simplify(name));

        await using var command = db.CreateCommand($"""
            select household_id, person_id, beneficiary_number, relationship, full_name, sex, birth_year, status, count(*) over ()
              from {MemberRegister.Table}
             where tenant_id = $1
               and ($2::text is null or search_name like $2 || '%' or search_name like '% ' || $2 || '%')
               and ($3::text is null or beneficiary_number = $3)
               and ($4::bytea is null or national_id_hash = $4)
               and ($5::text is null or phone = $5)
             order by search_name, beneficiary_number
             limit $6 offset $7
            """);
        command.Parameters.Add(new() { Value = actor.Tenant });
        command.Parameters.Add(new() { Value = (object?)prefix ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = beneficiaryNumber is null ? DBNull.Value : BeneficiaryNumber.Normalise(beneficiaryNumber), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = string.IsNullOrWhiteSpace(nationalId) ? DBNull.Value : hashes.NationalId(nationalId), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = (object?)Phones.Normalise(phone) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = pageSize });
        // In 64 bits: a page far past the last is an empty page, not an overflow.
        command.Parameters.Add(new() { Value = (page - 1L) * pageSize });

        var hits = new List<Hit>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            hits.Add(new(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7)));
            total = reader.GetInt64(8);
        }
        return TypedResults.Ok(new Page(hits, page, pageSize, total));
    }

    /// <summary>A typed % or _ is a letter of the name, not a wildcard.</summary>
    private static string Like(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
