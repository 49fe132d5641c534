using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Auth;
using MutualAdmin.Domain;
using MutualAdmin.Web.Fund.Eligibility;
using MutualAdmin.Web.Fund.Feed;
using MutualAdmin.Web.Fund.Remittances;
using MutualAdmin.Web.Fund.Webhooks;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Input;

namespace MutualAdmin.Web.Fund;

/// <summary>The Fund's integration API (fund-api.md): the routes of the feature, then its services.</summary>
public static class FundApi
{
    public static IEndpointRouteBuilder MapFund(this IEndpointRouteBuilder app)
    {
        var fund = app.MapGroup("/fund/v1").WithTags("Fund").RequireAuthorization(Policies.Fund);
        fund.MapGet("/events", ReadFeed.Handle).Produces(StatusCodes.Status200OK, contentType: ReadFeed.ContentType)
            .ProducesValidationProblem();
        fund.MapPost("/webhooks", RegisterWebhook.Handle).ProducesValidationProblem();
        fund.MapDelete("/webhooks/{id:guid}", DeleteWebhook.Handle);
        fund.MapGet("/eligibility", FundEligibility.Handle);
        fund.MapGet("/remittances", FundRemittances.List);
        fund.MapPost("/remittances/{id:guid}/acknowledgement", FundRemittances.Acknowledge);
        fund.MapPost("/remittances/{id:guid}/dispute", FundRemittances.Dispute);

        app.MapPost("/fund/fhir/CoverageEligibilityRequest", FhirEligibility.Handle).WithTags("Fund").RequireAuthorization(Policies.Fund);

        // The Fund's endpoints serve every mutual: platform administrators only, never a mutual's admin.
        var staff = app.MapGroup("/api/admin/webhooks").WithTags("Fund").ForPlatformAdmin().LimitText();
        staff.MapGet("", WebhookAdmin.List);
        staff.MapPost("/{id:guid}/dead-letters/{position:long}/retry", WebhookAdmin.Retry);
        return app;
    }

    public static IServiceCollection AddFund(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, FundFeed>();
        services.AddSingleton<FundEligibility>();
        services.AddInlineProjections((_, _) => [new RemittanceTenants()]);
        services.AddOptions<WebhookOptions>().BindConfiguration("Fund:Webhooks");
        services.AddSingleton<WebhookTargets>();
        // Redirects are not followed (a redirect could lead anywhere, WebhookTargets checks only where
        // a connection goes) and no proxy is used (the check must see the endpoint's own address).
        services.AddHttpClient(WebhookDelivery.HttpClientName).ConfigurePrimaryHttpMessageHandler(s => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = s.GetRequiredService<WebhookTargets>().Connect,
        });
        services.AddSingleton<WebhookDelivery>();
        services.AddHostedService<DeliveryHost>();
        return services;
    }

    /// <summary>Resolves the sender only when the host starts: its data source exists once the database has started.</summary>
    private sealed class DeliveryHost(IServiceProvider services) : IHostedService
    {
        private WebhookDelivery? delivery;

        public Task StartAsync(CancellationToken ct) => (delivery = services.GetRequiredService<WebhookDelivery>()).StartAsync(ct);
        public Task StopAsync(CancellationToken ct) => delivery?.StopAsync(ct) ?? Task.CompletedTask;
    }
}
