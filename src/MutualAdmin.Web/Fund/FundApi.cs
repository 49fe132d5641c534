using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Fund.Feed;

namespace MutualAdmin.Web.Fund;

/// <summary>The Fund's integration API (fund-api.md): the routes of the feature, then its services.</summary>
public static class FundApi
{
    public static IEndpointRouteBuilder MapFund(this IEndpointRouteBuilder app)
    {
        var fund = app.MapGroup("/fund/v1").WithTags("Fund").RequireAuthorization(Policies.Fund);
        fund.MapGet("/events", ReadFeed.Handle).Produces(StatusCodes.Status200OK, contentType: ReadFeed.ContentType)
            .ProducesValidationProblem();
        return app;
    }

    public static IServiceCollection AddFund(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, FundFeed>();
        return services;
    }
}
