using MutualAdmin.Domain;

namespace MutualAdmin.Web.Auth;

/// <summary>Who may sign in: a mutual's staff (by role, domain.md) and two kinds of API clients.</summary>
public static class Roles
{
    public static readonly IReadOnlyList<string> Staff =
    [
        StaffRole.EnrolmentOfficer, StaffRole.Cashier, StaffRole.ClaimsOfficer, StaffRole.MedicalReviewer,
        StaffRole.Manager, StaffRole.Auditor, StaffRole.Admin,
    ];

    public const string Fund = "fund";
    public const string Provider = "provider";

    public static bool IsStaffRole(string role) => Staff.Contains(role);
}

/// <summary>The claims our tokens and cookies carry.</summary>
public static class ClaimNames
{
    public const string Subject = "sub", Tenant = "tenant", Role = "role", Kind = "kind", Provider = "provider", Name = "name";
    public const string StaffKind = "staff";

    /// <summary>When a staff cookie's session ends (Unix seconds), so that the UI's circuit, which sees no cookie after it opens, knows too.</summary>
    public const string SessionEnds = "session_ends";
}
