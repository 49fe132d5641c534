using MutualAdmin.Domain;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Contributions.Ageing;
using MutualAdmin.Web.Contributions.Bulk;
using MutualAdmin.Web.Contributions.Collections;
using MutualAdmin.Web.Contributions.Paying;
using MutualAdmin.Web.Contributions.Remittances;
using MutualAdmin.Web.Contributions.Reversing;
using MutualAdmin.Web.Contributions.GettingStatement;
using MutualAdmin.Web.Idempotency;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Input;

namespace MutualAdmin.Web.Contributions;

/// <summary>Contributions (domain.md K-1 … K-8): every route of the feature, then its services.</summary>
public static class ContributionsApi
{
    private static readonly string[] Cashiers = [StaffRole.Cashier, StaffRole.Manager];
    private static readonly string[] Readers = [StaffRole.Cashier, StaffRole.Manager, StaffRole.Auditor];

    public static IEndpointRouteBuilder MapContributions(this IEndpointRouteBuilder app)
    {
        var affiliations = app.MapGroup("/api/affiliations").WithTags("Contributions").LimitText();
        affiliations.MapPost("/{id:guid}/payments", RecordPayment.Handle).ForStaff(Cashiers).Idempotent();
        affiliations.MapGet("/{id:guid}/account", GetStatement.Handle).ForStaff([.. Readers, StaffRole.EnrolmentOfficer]);

        var contributions = app.MapGroup("/api").WithTags("Contributions").LimitText();
        contributions.MapPost("/payments/reversal", ReversePayment.Handle).ForStaff(Cashiers).Idempotent();
        // The body is the allocation CSV whatever its declared content type (see the households import).
        contributions.MapPost("/group-agreements/{agreementId:guid}/payments", BulkPayment.Handle).ForStaff(Cashiers).Idempotent()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(BulkPayment.MaxFileBytes));
        contributions.MapGet("/arrears", ArrearsList.Handle).ForStaff(Readers);
        contributions.MapGet("/collections", GetCollections.Handle).ForStaff(Readers);

        var remittances = app.MapGroup("/api/remittances").WithTags("Contributions").LimitText();
        remittances.MapPost("/", PrepareRemittance.Handle).ForStaff(Cashiers).Idempotent();
        remittances.MapGet("/", ListRemittances.Handle).ForStaff(Readers);
        remittances.MapPost("/{id:guid}/submission", SubmitRemittance.Handle).ForStaff(StaffRole.Manager);
        return app;
    }

    public static IServiceCollection AddContributions(this IServiceCollection services)
    {
        ContributionJson.Register(services.RegisteredEventTypes(nameof(AddContributions)));
        services.AddInlineProjections((_, _) => [new ContributionIndex()]);
        services.AddSingleton<Receipts>();
        services.AddSingleton<GroupMembers>();
        services.AddSingleton<MonthFigures>();
        services.AddSingleton<ArrearsSweep>();
        services.AddHostedService<ArrearsSweepSchedule>();
        services.AddSingleton<IProjection, ArrearsLedger>();
        services.AddSingleton<IProjection, CollectionsByMonth>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
