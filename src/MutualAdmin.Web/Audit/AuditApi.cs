using MutualAdmin.Domain;
using MutualAdmin.Web.Auth;
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
        return app;
    }

    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services.AddSingleton<Verification>().AddSingleton<VerificationRuns>();
}
