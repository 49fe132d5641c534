namespace MutualAdmin.Web.Schemes;

/// <summary>
/// The scheme an affiliation joins, a tariff list shows and a remittance is figured under when nothing
/// names another (Enrolment:SchemeCode, default CSU-BASE). Its parameters come from the version in
/// force on the date that matters (S-2); an affiliation keeps its waiting and grace periods.
/// </summary>
public sealed record DefaultScheme(string Code = "CSU-BASE");
