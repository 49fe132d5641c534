using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Reference;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Enrolment.Importing;

/// <summary>
/// E-10 over HTTP: the collector's CSV is the request body (text/csv), read as it arrives. The answer
/// is the per-row report, JSON or CSV (Accept: text/csv); with <c>importId</c> the progress can be
/// watched at /api/imports/{importId} while it runs.
/// </summary>
public static class ImportHouseholds
{
    public const long MaxFileBytes = 512L * 1024 * 1024;

    public static async Task<IResult> Handle(string collector, HttpRequest request, Actor actor, CollectiveImport import,
        ReferenceData reference, CancellationToken ct, Guid? importId = null)
    {
        // The collector is one of the mutual's own; another mutual's is as unknown as one that never was.
        if (!await reference.HasCollector(actor.Tenant, collector, ct)) return TypedResults.NotFound();
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        ImportReport report;
        try
        {
            report = await import.Run(collector, reader, actor.Metadata("import-households"), importId ?? Guid.CreateVersion7(), ct);
        }
        catch (InvalidDataException e)
        {
            throw RequestValidationException.For("$", e.Message);
        }
        if (!request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase)) return TypedResults.Ok(report);
        var csv = new StringWriter();
        Csv.WriteLine(csv, ["row", "field", "reason"]);
        foreach (var p in report.Problems) Csv.WriteLine(csv, [p.Row.ToString(), p.Field, p.Reason]);
        return TypedResults.Text(csv.ToString(), "text/csv");
    }

    public static Results<Ok<ImportReport>, NotFound> Progress(Guid importId, Actor actor, ImportProgress progress) =>
        progress.Find(actor.Tenant, importId) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();
}
