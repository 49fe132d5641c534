using Microsoft.Extensions.DependencyInjection.Extensions;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Idempotency;
using MutualAdmin.Web.Schemes.Publishing;
using MutualAdmin.Web.Schemes.Reading;

namespace MutualAdmin.Web.Schemes;

/// <summary>Schemes (domain.md S-1, S-2; fund-api.md "Schemes"): every route of the feature, then its services.</summary>
public static class SchemesApi
{
    public static IEndpointRouteBuilder MapSchemes(this IEndpointRouteBuilder app)
    {
        // The Fund owns the rules: only it publishes; it reads them back on its own paths.
        var fund = app.MapGroup("/fund/v1/schemes").WithTags("Fund").RequireAuthorization(Policies.Fund);
        fund.MapPost("", PublishScheme.Handle).Idempotent()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        fund.MapGet("", ReadSchemes.List);
        fund.MapGet("/{code}/versions/{version:int}", ReadSchemes.Version).ProducesProblem(StatusCodes.Status404NotFound);

        // Every role works under the rules in force, so every role may read them.
        var staff = app.MapGroup("/api/schemes").WithTags("Schemes").RequireAuthorization(Policies.AnyStaff);
        staff.MapGet("", ReadSchemes.List);
        staff.MapGet("/{code}/versions/{version:int}", ReadSchemes.Version).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static IServiceCollection AddSchemes(this IServiceCollection services)
    {
        var types = services.LastOrDefault(d => d.ServiceType == typeof(EventTypes))?.ImplementationInstance as EventTypes
            ?? throw new InvalidOperationException("AddSchemes needs AddDatabase first (EventTypes)");
        SchemeJson.Register(types);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Seeding.IDemoSeedStep, DemoSchemes>();
        return services.AddSingleton<SchemeCatalogues>();
    }
}
