namespace MutualAdmin.Domain;

/// <summary>The staff roles of a mutual (domain.md "Who is who").</summary>
public static class StaffRole
{
    public const string EnrolmentOfficer = "enrolment-officer", Cashier = "cashier", ClaimsOfficer = "claims-officer",
        MedicalReviewer = "medical-reviewer", Manager = "manager", Auditor = "auditor", Admin = "admin";
}
