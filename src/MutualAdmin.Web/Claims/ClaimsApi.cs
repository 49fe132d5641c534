using MutualAdmin.Domain;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Claims.Paying;
using MutualAdmin.Web.Claims.Reading;
using MutualAdmin.Web.Claims.Reviewing;
using MutualAdmin.Web.Claims.Submitting;
using MutualAdmin.Web.Fund.Eligibility;
using MutualAdmin.Web.Idempotency;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Input;

namespace MutualAdmin.Web.Claims;

/// <summary>Claims (domain.md C-1 … C-11): every route of the feature, then its services.</summary>
public static class ClaimsApi
{
    private static readonly string[] Officers = [StaffRole.ClaimsOfficer, StaffRole.Manager];
    private static readonly string[] Readers = [StaffRole.ClaimsOfficer, StaffRole.MedicalReviewer, StaffRole.Manager, StaffRole.Auditor];

    public static IEndpointRouteBuilder MapClaims(this IEndpointRouteBuilder app)
    {
        var claims = app.MapGroup("/api/claims").WithTags("Claims").LimitText();
        claims.MapPost("/", SubmitClaim.ByStaff).ForStaff(Officers).Idempotent();
        claims.MapGet("/{id:guid}", GetClaim.ById).ForStaff(Readers);
        claims.MapGet("/queues/{queue}", ClaimQueues.Queue).ForStaff(Readers);
        claims.MapPost("/{id:guid}/review", ReviewClaim.Handle).ForStaff(StaffRole.MedicalReviewer);
        claims.MapPost("/{id:guid}/second-approval", ApproveClaim.Handle).ForStaff(StaffRole.MedicalReviewer, StaffRole.Manager);
        app.MapGet("/api/beneficiaries/{number}/claims", ClaimQueues.OfBeneficiary).ForStaff(Readers).WithTags("Claims");
        var lookups = app.MapGroup("/api/claims/lookups").WithTags("Claims");
        lookups.MapGet("/providers", ClaimLookups.Providers).ForStaff(Readers);
        lookups.MapGet("/icd10", ClaimLookups.Icd10).ForStaff(Readers);
        lookups.MapGet("/tariffs", ClaimLookups.Tariffs).ForStaff(Readers);

        var batches = app.MapGroup("/api/payment-batches").WithTags("Claims").LimitText();
        batches.MapPost("/", PrepareBatch.Handle).ForStaff(Officers).Idempotent();
        batches.MapGet("/", ListBatches.Handle).ForStaff(Readers);
        batches.MapGet("/{id:guid}", ListBatches.One).ForStaff(Readers);
        batches.MapPost("/{id:guid}/payment", PayBatch.Handle).ForStaff(StaffRole.Manager).Idempotent();

        var provider = app.MapGroup("/provider/v1/claims").WithTags("Provider").RequireAuthorization(Policies.Provider).LimitText();
        provider.MapPost("/", SubmitClaim.ByProvider);
        provider.MapGet("/{reference}", GetClaim.ByReference);
        return app;
    }

    public static IServiceCollection AddClaims(this IServiceCollection services)
    {
        ClaimJson.Register(services.RegisteredEventTypes(nameof(AddClaims)));
        services.AddInlineProjections((_, _) => [new ClaimsRegister()]);
        services.AddSingleton<Icd10Codes>();
        services.AddSingleton<Providers>();
        services.AddSingleton<ClaimFacts>();
        services.AddSingleton<ClaimIntake>();
        services.AddSingleton<IBenefitUsage>(sp => new ClaimedBenefit(sp.GetRequiredService<Database>().Lookups));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
