using System.Text.Json.Nodes;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Platform;
using Npgsql;

namespace MutualAdmin.Web.Reports;

/// <summary>Builds a report as of a position, after checking what was asked for (400 with the field, else 404).</summary>
public sealed class Reporting(EventStore.EventStore store, AffiliationRegister register, ContributionStatement contributions, ClaimsStatement claims,
    NpgsqlDataSource db, Tenants tenants)
{
    public async Task<ReportDocument?> Build(string kind, string tenant, string period, long? asOf, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ReportKind.All.Contains(kind)) errors["kind"] = [$"one of {string.Join(", ", ReportKind.All)}"];
        if (!Period.TryParse(period, out var month)) errors["period"] = ["a month written yyyy-MM"];
        var head = await store.HeadPosition(ct);
        if (asOf is < 0 || asOf > head) errors["asOf"] = [$"a position between 0 and the current {head}"];
        if (errors.Count == 0 && await tenants.Find(tenant, ct) is null) errors["tenant"] = ["no such mutual"];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var position = asOf ?? await LatestPublished(kind, tenant, period, ct) ?? head;
        JsonObject? content = kind switch
        {
            ReportKind.AffiliationRegister => await register.Build(tenant, month, position, ct),
            ReportKind.Contributions => await contributions.Build(tenant, month, position, null, ct),
            ReportKind.Claims => await claims.Build(tenant, month, position, null, ct),
            _ => null,
        };
        return content is null ? null : ReportDocument.Of(content);
    }

    private async Task<long?> LatestPublished(string kind, string tenant, string period, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "select max(position) from published_reports where tenant_id = $1 and kind = $2 and period = $3");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = period });
        return await command.ExecuteScalarAsync(ct) is long p ? p : null;
    }
}
