using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Reference;
using MutualAdmin.Web.Schemes;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Claims.Reading;

/// <summary>
/// What a claims officer looks up while typing a paper claim (C-1): the mutual's contracted
/// providers, ICD-10 codes by code or words, and the tariffs of the scheme version in force on a date.
/// </summary>
public static class ClaimLookups
{
    public sealed record TariffChoice(string Code, string Description, string Category, long MaxUnitPrice, IReadOnlyList<string> Levels);

    public static async Task<Ok<IReadOnlyList<Provider>>> Providers(Actor actor, ReferenceData reference, CancellationToken ct) =>
        TypedResults.Ok(await reference.Providers(actor.Tenant, ct));

    public static async Task<Ok<IReadOnlyList<Icd10Code>>> Icd10(string? q, ReferenceData reference, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) throw RequestValidationException.For("q", "type at least one character");
        return TypedResults.Ok(await reference.SearchIcd10(q.Trim(), 20, ct));
    }

    public static async Task<Ok<IReadOnlyList<TariffChoice>>> Tariffs(DateOnly? date, DefaultScheme defaultScheme, SchemeCatalogues schemes,
        TimeProvider clock, CancellationToken ct)
    {
        var on = date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var version = await schemes.InForce(defaultScheme.Code, on, ct);
        IReadOnlyList<TariffChoice> tariffs = version is null ? [] :
            [.. version.Tariffs.OrderBy(t => t.Code, StringComparer.Ordinal).Select(t => new TariffChoice(t.Code, t.Description, t.Category, t.MaxUnitPrice, t.Levels))];
        return TypedResults.Ok(tariffs);
    }
}
