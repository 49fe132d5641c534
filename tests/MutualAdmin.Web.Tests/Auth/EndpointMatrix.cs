namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// Who may call what: every endpoint of the running host must be listed here, with the callers
/// allowed through. "anyone" = anonymous allowed; staff roles by name; "platform-admin" (a user of the
/// platform's own tenant, issue 22); "fund" and "provider" clients.
/// A new endpoint without a row fails <see cref="AuthorizationMatrixTests"/>.
/// </summary>
public static class EndpointMatrix
{
    public const string Anyone = "anyone";
    /// <summary>Anyone signed in as staff: a mutual's, or the platform's administrator.</summary>
    private static readonly string[] AllStaff =
        ["enrolment-officer", "cashier", "claims-officer", "medical-reviewer", "manager", "auditor", "admin", "platform-admin"];
    private static readonly string[] EnrolmentReaders =
        ["enrolment-officer", "cashier", "claims-officer", "medical-reviewer", "manager", "auditor"];

    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["GET /health"] = [Anyone],
        ["GET /health/ready"] = [Anyone],
        ["POST /api/auth/token"] = [Anyone],
        ["POST /api/auth/sign-in"] = [Anyone],
        ["POST /api/auth/sign-out"] = AllStaff,
        ["GET /api/me"] = AllStaff,
        ["POST /api/me/password"] = AllStaff,
        ["POST /api/me/language"] = AllStaff,
        ["POST /fund/v1/token"] = [Anyone],
        ["POST /provider/v1/token"] = [Anyone],
        ["GET /openapi/{documentName}.json"] = [Anyone],
        ["HEAD /openapi/{documentName}.json"] = [Anyone],
        ["GET /swagger/{**path}"] = [Anyone],
        ["POST /fund/v1/schemes/"] = ["fund"],
        ["GET /fund/v1/schemes/"] = ["fund"],
        ["GET /fund/v1/schemes/{code}/versions/{version:int}"] = ["fund"],
        ["GET /fund/v1/events"] = ["fund"],
        ["POST /fund/v1/webhooks"] = ["fund"],
        ["DELETE /fund/v1/webhooks/{id:guid}"] = ["fund"],
        ["GET /fund/v1/eligibility"] = ["fund"],
        ["POST /fund/fhir/CoverageEligibilityRequest"] = ["fund"],
        ["GET /fund/v1/remittances"] = ["fund"],
        ["POST /fund/v1/remittances/{id:guid}/acknowledgement"] = ["fund"],
        ["POST /fund/v1/remittances/{id:guid}/dispute"] = ["fund"],
        ["GET /fund/v1/reports/"] = ["fund"],
        ["GET /fund/v1/reports/{kind}/{tenant}/{period}"] = ["fund"],
        ["GET /api/reports/"] = ["manager", "auditor"],
        ["GET /api/reports/{kind}/{period}"] = ["manager", "auditor"],
        ["POST /api/reports/{kind}/{period}/publication"] = ["manager"],
        ["GET /api/admin/webhooks/"] = ["platform-admin"],
        ["POST /api/admin/webhooks/{id:guid}/dead-letters/{position:long}/retry"] = ["platform-admin"],
        ["GET /api/admin/api-clients/"] = ["platform-admin"],
        ["POST /api/admin/api-clients/"] = ["platform-admin"],
        ["POST /api/admin/api-clients/{clientId}/rotation"] = ["platform-admin"],
        ["POST /api/admin/api-clients/{clientId}/revocation"] = ["platform-admin"],
        ["GET /api/schemes/"] = AllStaff,
        ["GET /api/schemes/{code}/versions/{version:int}"] = AllStaff,
        ["GET /api/admin/users/"] = ["admin", "manager"],
        ["GET /api/admin/users/{id:guid}"] = ["admin", "manager"],
        ["POST /api/admin/users/"] = ["admin"],
        ["POST /api/admin/users/{id:guid}/disabling"] = ["admin"],
        ["POST /api/admin/users/{id:guid}/enabling"] = ["admin"],
        ["GET /api/admin/projections/"] = ["admin", "manager", "auditor", "platform-admin"],
        ["GET /api/admin/projections/dead-letters"] = ["admin", "manager", "auditor", "platform-admin"],
        ["POST /api/admin/projections/dead-letters/{tenant}/{id:long}/retry"] = ["platform-admin"],
        ["POST /api/admin/projections/{name}/rebuild"] = ["platform-admin"],
        ["POST /api/admin/projections/{name}/pause"] = ["platform-admin"],
        ["POST /api/admin/projections/{name}/resume"] = ["platform-admin"],
        ["POST /api/members/"] = ["enrolment-officer", "manager"],
        ["GET /api/members/"] = EnrolmentReaders,
        ["GET /api/members/{id:guid}"] = EnrolmentReaders,
        ["POST /api/members/{id:guid}/affiliations"] = ["enrolment-officer", "manager"],
        ["POST /api/affiliations/{id:guid}/approval"] = ["manager"],
        ["POST /api/members/{id:guid}/dependants"] = ["enrolment-officer", "manager"],
        ["POST /api/members/{id:guid}/dependants/{personId:guid}/removal"] = ["enrolment-officer", "manager"],
        ["POST /api/members/{id:guid}/people/{personId:guid}/death"] = ["enrolment-officer", "manager"],
        ["POST /api/members/{id:guid}/people/{personId:guid}/correction"] = ["enrolment-officer", "manager"],
        ["POST /api/members/{id:guid}/people/{personId:guid}/erasure"] = ["manager"],
        ["GET /api/audit/export"] = ["auditor", "manager"],
        ["POST /api/audit/verifications"] = ["auditor", "manager"],
        ["GET /api/audit/verifications/{id:guid}"] = ["auditor", "manager"],
        ["GET /api/audit/{kind}/{id:guid}"] = ["auditor", "manager"],
        ["GET /api/audit/{kind}/{id:guid}/history"] = ["auditor", "manager"],
        ["GET /api/audit/{kind}/{id:guid}/changes"] = ["auditor", "manager"],
        ["POST /api/disregarded-events/"] = ["manager"],
        ["GET /api/disregarded-events/"] = ["manager", "auditor"],
        ["POST /api/affiliations/{id:guid}/renewal"] = ["enrolment-officer", "manager"],
        ["POST /api/affiliations/{id:guid}/termination"] = ["manager"],
        ["POST /api/collectors/{collector}/households"] = ["enrolment-officer", "manager"],
        ["GET /api/imports/{importId:guid}"] = ["enrolment-officer", "manager"],
        ["GET /api/eligibility"] = EnrolmentReaders,
        ["POST /api/affiliations/{id:guid}/payments"] = ["cashier", "manager"],
        ["GET /api/affiliations/{id:guid}/account"] = ["cashier", "manager", "auditor", "enrolment-officer"],
        ["POST /api/payments/reversal"] = ["cashier", "manager"],
        ["POST /api/group-agreements/{agreementId:guid}/payments"] = ["cashier", "manager"],
        ["GET /api/arrears"] = ["cashier", "manager", "auditor"],
        ["GET /api/collections"] = ["cashier", "manager", "auditor"],
        ["POST /api/remittances/"] = ["cashier", "manager"],
        ["GET /api/remittances/"] = ["cashier", "manager", "auditor"],
        ["POST /api/remittances/{id:guid}/submission"] = ["manager"],

        ["POST /api/claims/"] = ["claims-officer", "manager"],
        ["GET /api/claims/{id:guid}"] = ["claims-officer", "medical-reviewer", "manager", "auditor"],
        ["GET /api/claims/queues/{queue}"] = ["claims-officer", "medical-reviewer", "manager", "auditor"],
        ["POST /api/claims/{id:guid}/review"] = ["medical-reviewer"],
        ["POST /api/claims/{id:guid}/second-approval"] = ["medical-reviewer", "manager"],
        ["GET /api/beneficiaries/{number}/claims"] = ["claims-officer", "medical-reviewer", "manager", "auditor"],
        ["GET /api/claims/lookups/providers"] = ["claims-officer", "medical-reviewer", "manager", "auditor"],
        ["GET /api/claims/lookups/icd10"] = ["claims-officer", "medical-reviewer", "manager", "auditor"],
        ["GET /api/claims/lookups/tariffs"] = ["claims-officer", "medical-reviewer", "manager", "auditor"],
        ["POST /api/payment-batches/"] = ["claims-officer", "manager"],
        ["GET /api/payment-batches/"] = ["claims-officer", "medical-reviewer", "manager", "auditor"],
        ["GET /api/payment-batches/{id:guid}"] = ["claims-officer", "medical-reviewer", "manager", "auditor"],
        ["POST /api/payment-batches/{id:guid}/payment"] = ["manager"],
        ["POST /provider/v1/claims/"] = ["provider"],
        ["GET /provider/v1/claims/{reference}"] = ["provider"],
        ["GET /api/dashboard"] = ["manager", "auditor"],
    }.Concat(UiPages.SelectMany(page => new[] { $"GET {page}", $"POST {page}" }).Concat(UiPlumbing)
        .Select(key => KeyValuePair.Create(key, new[] { Anyone }))).ToDictionary();

    /// <summary>
    /// The staff web UI's pages (issue 9) answer anyone: each page checks the signed-in user's roles in
    /// its circuit and reaches data only through the API endpoints above. GET renders, POST takes forms.
    /// </summary>
    private static string[] UiPages =>
    [
        "/", "/sign-in", "/members", "/members/new", "/members/import", "/members/{Id:guid}", "/affiliations/{Id:guid}/account",
        "/affiliations/{Id:guid}/payment", "/contributions/arrears", "/contributions/remittances", "/dashboard", "/reports",
        "/admin/projections", "/admin/webhooks", "/admin/users", "/admin/api-clients", "/account/password", "/audit", "/audit/{Kind}/{Id:guid}",
        "/claims", "/claims/queues/{Queue}", "/claims/new", "/claims/{Id:guid}", "/claims/batches",
    ];

    /// <summary>The Blazor circuit's hub, and the one static file that stands for all.</summary>
    private static string[] UiPlumbing =>
    [
        "GET /_blazor", "GET /_blazor/disconnect/", "GET /_blazor/initializers/", "GET /_blazor/negotiate",
        StaticAsset,
    ];

    /// <summary>
    /// The staff web UI's static files: open to anyone, like any web page's styles and scripts. The
    /// matrix checks one of them and leaves the rest out.
    /// </summary>
    public static bool IsStaticAsset(string key) =>
        key.StartsWith("GET /_content/", StringComparison.Ordinal) || key.StartsWith("HEAD /_content/", StringComparison.Ordinal)
        || key.StartsWith("GET /_framework/", StringComparison.Ordinal) || key.StartsWith("HEAD /_framework/", StringComparison.Ordinal)
        || key.StartsWith("GET /ui.", StringComparison.Ordinal) || key.StartsWith("HEAD /ui.", StringComparison.Ordinal)
        || key.EndsWith(" /{**path:file}", StringComparison.Ordinal); // the files' fallback: only paths naming a file reach it

    public const string StaticAsset = "GET /ui.css";
}
