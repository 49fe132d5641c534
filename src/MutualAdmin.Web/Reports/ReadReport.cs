using System.Globalization;
using Microsoft.Net.Http.Headers;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Reports;

/// <summary>
/// <c>GET /fund/v1/reports/{kind}/{tenant}/{period}?asOf=</c> (the Fund, any mutual) and
/// <c>GET /api/reports/{kind}/{period}?asOf=</c> (staff, their own): JSON, CSV or XLSX by Accept, with
/// <c>X-Report-Position</c> and <c>X-Report-Sha256</c>. Without asOf: the latest published, else now.
/// </summary>
public static class ReadReport
{
    public static Task<IResult> ForFund(string kind, string tenant, string period, long? asOf, HttpContext http, Reporting reporting,
        TimeProvider clock, CancellationToken ct) => Answer(kind, tenant, period, asOf, http, reporting, clock, ct);

    public static Task<IResult> ForStaff(string kind, string period, long? asOf, HttpContext http, Actor actor, Reporting reporting,
        TimeProvider clock, CancellationToken ct) => Answer(kind, actor.Tenant, period, asOf, http, reporting, clock, ct);

    private static async Task<IResult> Answer(string kind, string tenant, string period, long? asOf, HttpContext http, Reporting reporting,
        TimeProvider clock, CancellationToken ct)
    {
        if (await reporting.Build(kind, tenant, period, asOf, ct) is not { } report)
            return Results.Problem(statusCode: 404, type: Problems.NotFound, title: "This report is not produced yet.",
                detail: $"'{kind}' comes with its feature; affiliation-register and contributions are available.");
        http.Response.Headers["X-Report-Position"] = report.Position.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Report-Sha256"] = report.Sha256;

        var accept = http.Request.GetTypedHeaders().Accept;
        if (Wants(accept, Xlsx.ContentType))
            return Results.File(Xlsx.Of(report), Xlsx.ContentType, $"{kind}-{tenant}-{period}.xlsx");
        if (Wants(accept, "text/csv"))
            return Results.Text(ReportDocument.Csv(report), "text/csv; charset=utf-8");
        // The content as hashed, and when it was generated (outside the hash).
        var body = report.Content.DeepClone().AsObject();
        body["generatedAt"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        body["sha256"] = report.Sha256;
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private static bool Wants(IList<MediaTypeHeaderValue> accept, string type) =>
        accept.Any(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase));
}
