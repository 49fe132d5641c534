using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Enrolment.Searching;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Contributions.Ageing;

/// <summary>
/// Arrears by age bucket on a date (R-2: 1–30, 31–90, 91–180, &gt;180 days past the due date), from
/// the arrears ledger; with <c>bucket</c>, the instalments in that bucket, oldest first, each with the
/// household's member to contact (from the member register: empty while it catches up, and the name
/// and phone gone once erased).
/// </summary>
public static class ArrearsList
{
    public static readonly string[] Buckets = ["1-30", "31-90", "91-180", "181+"];

    public sealed record Bucket(string Name, long Amount, int Instalments);
    public sealed record Line(Guid AffiliationId, Guid AccountId, int Instalment, DateOnly DueOn, long Outstanding, int DaysOverdue,
        string? MemberName, string? MemberNumber, string? MemberPhone);
    public sealed record Report(DateOnly AsOf, long Total, IReadOnlyList<Bucket> Buckets, IReadOnlyList<Line> Lines);

    private const string Aged = $"""
        select affiliation_id, account_id, instalment, due_on, member_share - member_paid as outstanding, $2 - due_on as days,
               case when $2 - due_on <= 30 then '1-30' when $2 - due_on <= 90 then '31-90'
                    when $2 - due_on <= 180 then '91-180' else '181+' end as bucket
          from {ArrearsLedger.Table}
         where tenant_id = $1 and member_paid < member_share and due_on < $2
        """;

    public static async Task<Ok<Report>> Handle(DateOnly? asOf, string? bucket, Actor actor, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (bucket is not null && !Buckets.Contains(bucket))
            throw RequestValidationException.For("bucket", $"R-2 BUCKET_UNKNOWN: one of {string.Join(", ", Buckets)}");
        var on = asOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var totals = new Dictionary<string, Bucket>();
        await using (var command = Query($"select bucket, sum(outstanding)::bigint, count(*)::int from ({Aged}) a group by bucket", db, actor.Tenant, on))
        await using (var r = await command.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) totals[r.GetString(0)] = new(r.GetString(0), r.GetInt64(1), r.GetInt32(2));
        var lines = new List<Line>();
        if (bucket is not null)
        {
            await using var command = Query($"""
                select a.affiliation_id, a.account_id, a.instalment, a.due_on, a.outstanding, a.days, m.full_name, m.beneficiary_number, m.phone
                  from (select * from ({Aged}) aged where bucket = $3 order by due_on, account_id, instalment limit 1000) a
                  left join household_affiliations h on h.tenant_id = $1 and h.affiliation_id = a.affiliation_id
                  -- The member now: after a death the new member is current, the one before is not.
                  left join lateral (select full_name, beneficiary_number, phone from {MemberRegister.Table} r
                                      where r.tenant_id = $1 and r.household_id = h.household_id and r.relationship = 'member'
                                      order by r.status = 'current' desc, r.position desc limit 1) m on true
                 order by a.due_on, a.account_id, a.instalment
                """, db, actor.Tenant, on);
            command.Parameters.Add(new() { Value = bucket });
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                lines.Add(new(r.GetGuid(0), r.GetGuid(1), r.GetInt32(2), r.GetFieldValue<DateOnly>(3), r.GetInt64(4), r.GetInt32(5),
                    Text(r, 6), Text(r, 7), Text(r, 8)));
        }
        var buckets = Buckets.Select(b => totals.GetValueOrDefault(b) ?? new Bucket(b, 0, 0)).ToList();
        return TypedResults.Ok(new Report(on, buckets.Sum(b => b.Amount), buckets, lines));
    }

    private static string? Text(NpgsqlDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);

    private static NpgsqlCommand Query(string sql, NpgsqlDataSource db, string tenant, DateOnly on)
    {
        var command = db.CreateCommand(sql);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = on });
        return command;
    }
}
