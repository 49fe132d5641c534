using MutualAdmin.Domain;

namespace MutualAdmin.Web.Auth;

/// <summary>Who may sign in: a mutual's staff (by role, domain.md), platform administrators and two kinds of API clients.</summary>
public static class Roles
{
    public static readonly IReadOnlyList<string> Staff =
    [
        StaffRole.EnrolmentOfficer, StaffRole.Cashier, StaffRole.ClaimsOfficer, StaffRole.MedicalReviewer,
        StaffRole.Manager, StaffRole.Auditor, StaffRole.Admin,
    ];

    public const string Fund = "fund";
    public const string Provider = "provider";

    /// <summary>The platform's operator (<see cref="StaffRole.PlatformAdmin"/>); not in <see cref="Staff"/>, so no mutual can grant it.</summary>
    public const string PlatformAdmin = StaffRole.PlatformAdmin;

    /// <summary>A role a mutual's user may hold (what a mutual's admin may grant).</summary>
    public static bool IsStaffRole(string role) => Staff.Contains(role);
}

/// <summary>The claims our tokens and cookies carry.</summary>
public static class ClaimNames
{
    public const string Subject = "sub", Tenant = "tenant", Role = "role", Kind = "kind", Provider = "provider", Name = "name";
    public const string StaffKind = "staff";

    /// <summary>
    /// The holder's security stamp when the token or cookie was issued; one that is no longer current
    /// (password changed, user disabled, client rotated or revoked) is refused (<see cref="CredentialStamps"/>).
    /// </summary>
    public const string Stamp = "stamp";

    /// <summary>When a staff cookie's session ends (Unix seconds), so that the UI's circuit, which sees no cookie after it opens, knows too.</summary>
    public const string SessionEnds = "session_ends";
}
