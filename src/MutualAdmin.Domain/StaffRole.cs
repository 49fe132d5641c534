namespace MutualAdmin.Domain;

/// <summary>The staff roles of a mutual (domain.md "Who is who").</summary>
public static class StaffRole
{
    public const string EnrolmentOfficer = "enrolment-officer", Cashier = "cashier", ClaimsOfficer = "claims-officer",
        MedicalReviewer = "medical-reviewer", Manager = "manager", Auditor = "auditor", Admin = "admin";

    /// <summary>
    /// Not a mutual's role: the operator of what every mutual shares (projections, dead letters of all
    /// mutuals, the Fund's webhooks, API clients). Held only by users of the platform's own tenant, and
    /// given only from the command line (create-platform-admin), never by a mutual's admin.
    /// </summary>
    public const string PlatformAdmin = "platform-admin";
}
