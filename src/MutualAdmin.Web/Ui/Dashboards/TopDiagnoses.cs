using MutualAdmin.EventStore.Events;
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

    /// <summary>Every claim's submission day, beneficiary and main diagnosis, as submitted (kept between requests, <see cref="ReportFolds"/>).</summary>
    internal sealed class DiagnosesFold : ReportFold
    {
        private static readonly string[] All = [Claim.Events[typeof(ClaimSubmitted)]];
        public override string[] Types => All;
        public override bool Guarded => false;
        public override EventStore.EventReader Reader(EventStore.EventReader reader) => reader;

        public readonly List<(DateOnly SubmittedOn, string BeneficiaryNumber, string Diagnosis)> Submitted = [];

        public override void Apply(RecordedEvent e)
        {
            if (e.Data is ClaimSubmitted { Claim: var c }) Submitted.Add((c.SubmittedOn, c.BeneficiaryNumber, c.MainDiagnosis));
        }
    }

    public static Task<IReadOnlyList<DiagnosisCount>> Of(ReportFolds folds, string tenant, Period period, long position, ReportScope? scope,
        CancellationToken ct) =>
        folds.Read(tenant, position, () => new DiagnosesFold(), fold => Count(fold.Submitted, period, scope), ct);

    private static IReadOnlyList<DiagnosisCount> Count(List<(DateOnly SubmittedOn, string BeneficiaryNumber, string Diagnosis)> submitted,
        Period period, ReportScope? scope)
    {
        var codes = submitted.Where(c => period.Contains(c.SubmittedOn) && scope?.BeneficiaryNumbers.Contains(c.BeneficiaryNumber) != false)
            .Select(c => c.Diagnosis).ToList();
        // Ties in code order, so the same position always gives the same list.
        return [.. codes.GroupBy(c => c).Select(g => new DiagnosisCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Claims).ThenBy(c => c.Code, StringComparer.Ordinal).Take(Shown)];
    }
}
