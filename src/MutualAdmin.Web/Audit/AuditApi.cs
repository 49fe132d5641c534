using MutualAdmin.Domain;
using MutualAdmin.Web.Audit.Disregarding;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Input;

namespace MutualAdmin.Web.Audit;

/// <summary>The auditor's tools (domain.md A-1 … A-4): routes of the feature.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Audit").ForStaff(StaffRole.Auditor, StaffRole.Manager).LimitText();
        audit.MapPost("/verifications", VerificationRuns.Start);
        audit.MapGet("/verifications/{id:guid}", VerificationRuns.Get);
        audit.MapGet("/export", ExportLog.Handle).Produces(StatusCodes.Status200OK, contentType: ExportLog.ContentType);
        audit.MapGet("/{kind}/{id:guid}", RecordHistory.State);
        audit.MapGet("/{kind}/{id:guid}/history", RecordHistory.History);
        audit.MapGet("/{kind}/{id:guid}/changes", RecordHistory.Diff);

        // Issue 22: the way back from an event no fold can take; the manager answers for the mutual's figures.
        var disregarded = app.MapGroup("/api/disregarded-events").WithTags("Audit").LimitText();
        disregarded.MapPost("/", DisregardEvent.Handle).ForStaff(StaffRole.Manager);
        disregarded.MapGet("/", DisregardEvent.List).ForStaff(StaffRole.Manager, StaffRole.Auditor);
        return app;
    }

    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        DisregardedJson.Register(services.RegisteredEventTypes(nameof(AddAudit)));
        return services.AddSingleton<Verification>().AddSingleton<VerificationRuns>();
    }
}
