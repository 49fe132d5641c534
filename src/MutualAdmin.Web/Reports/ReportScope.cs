namespace MutualAdmin.Web.Reports;

/// <summary>
/// A part of one mutual, such as the households of a locality, with their affiliations and their
/// beneficiaries' numbers. Statutory reports are of the whole mutual (no scope); the builders take
/// one so that the dashboard's figures for a locality are counted by the same code as the reports.
/// </summary>
public sealed record ReportScope(IReadOnlySet<Guid> Households, IReadOnlySet<Guid> Affiliations, IReadOnlySet<string> BeneficiaryNumbers);
