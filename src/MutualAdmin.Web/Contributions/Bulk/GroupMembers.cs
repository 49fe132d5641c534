using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore;
using MutualAdmin.Web.Enrolment;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Contributions.Bulk;

/// <summary>
/// E-5: the running affiliation (pending, active or suspended) through which a beneficiary number's
/// household belongs to a group agreement. Numbers of other mutuals are unknown here.
/// </summary>
public sealed class GroupMembers(NpgsqlDataSource db)
{
    public async Task<IReadOnlyDictionary<int, Guid>> Find(EventSession session, Guid agreementId, IReadOnlyList<AllocationRow> rows, CancellationToken ct)
    {
        var candidates = await AffiliationsOf(session.Tenant, [.. rows.Select(r => r.BeneficiaryNumber)], ct);
        var found = new Dictionary<int, Guid>();
        var errors = new Dictionary<string, string[]>();
        foreach (var row in rows)
        {
            Guid? match = null;
            foreach (var id in candidates.GetValueOrDefault(row.BeneficiaryNumber) ?? [])
                if ((await session.FetchAffiliation(id, ct)).State is var a && Enrolment.Affiliating.ApproveAffiliation.TermsOf(a) is { } terms
                    && terms.GroupAgreementId == agreementId && a.Status is AffiliationStatus.Pending or AffiliationStatus.Active or AffiliationStatus.Suspended)
                    match = id;
            if (match is null)
                errors[$"rows[{row.Row}].beneficiary_number"] = ["E-5 NOT_IN_AGREEMENT: no running affiliation of this household under this group agreement"];
            else if (found.ContainsValue(match.Value))
                errors[$"rows[{row.Row}].beneficiary_number"] = ["K-4 MEMBER_REPEATED: another row already pays this household's affiliation"];
            else found[row.Row] = match.Value;
        }
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return found;
    }

    private async Task<Dictionary<string, List<Guid>>> AffiliationsOf(string tenant, string[] numbers, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            select b.beneficiary_number, h.affiliation_id from eligibility_beneficiaries b
              join household_affiliations h on h.tenant_id = b.tenant_id and h.household_id = b.household_id
             where b.tenant_id = $1 and b.beneficiary_number = any($2)
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = numbers });
        var map = new Dictionary<string, List<Guid>>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var number = r.GetString(0);
            (map.TryGetValue(number, out var list) ? list : map[number] = []).Add(r.GetGuid(1));
        }
        return map;
    }
}
