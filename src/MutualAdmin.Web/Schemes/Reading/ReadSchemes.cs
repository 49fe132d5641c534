using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Schemes.Reading;

/// <summary>The published schemes, for the Fund and for staff of any role (S-1: every version stays readable).</summary>
public static class ReadSchemes
{
    public sealed record SchemeSummary(string Code, IReadOnlyList<VersionSummary> Versions);
    public sealed record VersionSummary(int Version, DateOnly EffectiveFrom);

    public static async Task<Ok<IReadOnlyList<SchemeSummary>>> List(SchemeCatalogues catalogues, CancellationToken ct)
    {
        var schemes = new List<SchemeSummary>();
        foreach (var code in await catalogues.Codes(ct))
        {
            var catalogue = await catalogues.Load(code, ct);
            schemes.Add(new(code, [.. catalogue.Versions.Select(v => new VersionSummary(v.Version, v.EffectiveFrom))]));
        }
        return TypedResults.Ok<IReadOnlyList<SchemeSummary>>(schemes);
    }

    public static async Task<Results<Ok<SchemeVersion>, ProblemHttpResult>> Version(string code, int version,
        SchemeCatalogues catalogues, CancellationToken ct) =>
        (await catalogues.Load(code, ct)).Find(version) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: Problems.NotFound,
                title: "No such scheme version.", detail: $"Scheme {code} has no published version {version}.");
}
