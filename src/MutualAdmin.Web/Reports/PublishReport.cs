using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using Npgsql;

namespace MutualAdmin.Web.Reports;

/// <summary>
/// A manager publishes a month's report once the month is over: it is built as of the current
/// position and a report-published event records that position and the hash, which the Fund's feed
/// carries and any later regeneration at that position must reproduce.
/// </summary>
public static class PublishReport
{
    public sealed record Published(string Kind, string Tenant, string Period, long Position, string Sha256, DateTimeOffset PublishedAt);

    public static async Task<Results<Created<Published>, ProblemHttpResult>> Handle(string kind, string period, Actor actor,
        Reporting reporting, EventStore.EventStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (Period.TryParse(period, out var month) && month.Last >= DateOnly.FromDateTime(now.UtcDateTime))
            return TypedResults.Problem(statusCode: 409, type: Problems.RuleRefused, title: "The month is not over.",
                detail: $"{period} can be published from {month.Last.AddDays(1):yyyy-MM-dd}.");
        if (await reporting.Build(kind, actor.Tenant, period, null, ct) is not { } report)
            return TypedResults.Problem(statusCode: 404, type: Problems.NotFound, title: "This report is not produced yet.");

        var published = new ReportPublished(kind, period, report.Position, report.Sha256, now);
        await using var session = store.OpenSession(actor.Metadata("publish-report"));
        session.Append(new StreamId(actor.Tenant, $"report-{kind}-{period}"), ExpectedVersion.Any, [published], "report");
        session.WriteOnSave(async (connection, tx, token) =>
        {
            await using var row = new NpgsqlCommand("""
                insert into published_reports (tenant_id, kind, period, position, sha256, published_at)
                values ($1, $2, $3, $4, $5, $6) on conflict do nothing
                """, connection, tx);
            foreach (var v in new object[] { actor.Tenant, kind, period, report.Position, report.Sha256, now }) row.Parameters.Add(new() { Value = v });
            await row.ExecuteNonQueryAsync(token);
        });
        await session.SaveChanges(ct);
        return TypedResults.Created($"/api/reports/{kind}/{period}?asOf={report.Position.ToString(CultureInfo.InvariantCulture)}",
            new Published(kind, actor.Tenant, period, report.Position, report.Sha256, now));
    }
}
