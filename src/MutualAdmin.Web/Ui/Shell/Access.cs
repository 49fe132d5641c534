using MutualAdmin.Domain;
using static MutualAdmin.Domain.StaffRole;

namespace MutualAdmin.Web.Ui.Shell;

/// <summary>
/// Who may use each part of the UI: the roles the API's endpoints allow behind it, so a link shows
/// only when its page would work. Comma lists, as [Authorize(Roles = …)] takes them.
/// </summary>
public static class Access
{
    public const string Enrolment = $"{EnrolmentOfficer},{Manager},{Cashier},{ClaimsOfficer},{MedicalReviewer},{Auditor}";
    public const string Registering = $"{EnrolmentOfficer},{Manager}";
    public const string Contributions = $"{Cashier},{Manager},{Auditor}";
    public const string Paying = $"{Cashier},{Manager}";
    public const string Remitting = $"{Cashier},{Manager}";
    public const string Claims = $"{ClaimsOfficer},{MedicalReviewer},{Manager},{Auditor}";
    public const string EnteringClaims = $"{ClaimsOfficer},{Manager}";
    public const string Reviewing = MedicalReviewer;
    public const string SecondApproval = $"{MedicalReviewer},{Manager}";
    public const string PayingProviders = Manager;
    public const string Reports = $"{Manager},{Auditor}";
    public const string Publishing = Manager;
    public const string Dashboards = $"{Manager},{Auditor}";
    public const string Audit = $"{Auditor},{Manager}";
    public const string Projections = $"{StaffRole.Admin},{Manager},{Auditor},{PlatformAdmin}";
    /// <summary>Rebuild, pause, resume, retry: the projections serve every mutual, so the platform's administrators only.</summary>
    public const string OperatingProjections = PlatformAdmin;
    public const string Webhooks = PlatformAdmin;
    public const string ApiClients = PlatformAdmin;
    public const string Users = $"{StaffRole.Admin},{Manager}";
    public const string ManagingUsers = StaffRole.Admin;
}
