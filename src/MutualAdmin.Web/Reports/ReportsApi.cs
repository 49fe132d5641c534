using MutualAdmin.Domain;
using EventTypes = MutualAdmin.EventStore.Events.EventTypes;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Input;

namespace MutualAdmin.Web.Reports;

/// <summary>Statutory reports (domain.md R, A-3; fund-api.md "Statutory reports"): routes, then services.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var fund = app.MapGroup("/fund/v1/reports").WithTags("Fund").RequireAuthorization(Policies.Fund);
        fund.MapGet("", ListReports.ForFund);
        fund.MapGet("/{kind}/{tenant}/{period}", ReadReport.ForFund);

        var staff = app.MapGroup("/api/reports").WithTags("Reports").LimitText();
        staff.MapGet("", ListReports.ForStaff).ForStaff(StaffRole.Manager, StaffRole.Auditor);
        staff.MapGet("/{kind}/{period}", ReadReport.ForStaff).ForStaff(StaffRole.Manager, StaffRole.Auditor);
        staff.MapPost("/{kind}/{period}/publication", PublishReport.Handle).ForStaff(StaffRole.Manager);
        return app;
    }

    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        var types = services.LastOrDefault(d => d.ServiceType == typeof(EventTypes))?.ImplementationInstance as EventTypes
            ?? throw new InvalidOperationException("AddReports needs AddDatabase first (EventTypes)");
        ReportJson.Register(types);
        services.AddSingleton<ReportFolds>();
        services.AddSingleton<AffiliationRegister>();
        services.AddSingleton<ContributionStatement>();
        services.AddSingleton<ClaimsStatement>();
        services.AddSingleton<Ui.Dashboards.DashboardData>();
        return services.AddSingleton<Reporting>();
    }
}
