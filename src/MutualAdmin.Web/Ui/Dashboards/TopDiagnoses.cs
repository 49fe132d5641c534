using MutualAdmin.Domain.Claims;
using MutualAdmin.Web.Reports;

namespace MutualAdmin.Web.Ui.Dashboards;

/// <summary>How many of a month's claims had this main diagnosis.</summary>
public sealed record DiagnosisCount(string Code, long Claims);

/// <summary>
/// The main diagnoses (ICD-10) of the claims received in a month, most frequent first, for the staff
/// dashboard only: diagnoses are medical data that the Fund's feed and the statutory reports never carry,
/// so they are counted here rather than added to R-3.
/// </summary>
public static class TopDiagnoses
{
    public const int Shown = 10;
    private static readonly string[] Types = [Claim.Events[typeof(ClaimSubmitted)]];

    public static async Task<IReadOnlyList<DiagnosisCount>> Of(EventStore.EventStore store, string tenant, Period period, long position,
        ReportScope? scope, CancellationToken ct)
    {
        var codes = new List<string>();
        await foreach (var e in store.ReaderFor(tenant).ReadTypesUpTo(position, Types, ct))
            if (e.Data is ClaimSubmitted { Claim: var c } && period.Contains(c.SubmittedOn)
                && scope?.BeneficiaryNumbers.Contains(c.BeneficiaryNumber) != false)
                codes.Add(c.MainDiagnosis);
        // Ties in code order, so the same position always gives the same list.
        return [.. codes.GroupBy(c => c).Select(g => new DiagnosisCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Claims).ThenBy(c => c.Code, StringComparer.Ordinal).Take(Shown)];
    }
}
