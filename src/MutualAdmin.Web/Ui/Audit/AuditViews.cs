namespace MutualAdmin.Web.Ui.Audit;

// The parts of the audit API's answers these pages show (domain.md A-1 … A-4).

public sealed record HistoryEntry(long Version, long Position, string Type, DateTimeOffset RecordedAt, string? UserId, string? ClientId,
    string? Role, string Command, string? Reason, string CorrelationId);

public sealed record VerificationProgress(long Done, long Total, double RatePerSecond, TimeSpan? TimeLeft);

public sealed record VerificationRun(Guid Id, string State, VerificationProgress? Progress, string? Summary, string? Error);

public static class AuditedKinds
{
    public static readonly string[] All = ["members", "affiliations", "contribution-accounts", "remittances", "claims", "payment-batches"];
}
