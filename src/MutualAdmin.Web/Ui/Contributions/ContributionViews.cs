namespace MutualAdmin.Web.Ui.Contributions;

// The parts of the contributions API's answers these pages show.

public sealed record InstalmentView(int Number, DateOnly? DueOn, long MemberShare, long SubsidyShare, long MemberPaid, long Outstanding);

public sealed record PaymentView(string Receipt, long Amount, DateOnly PaidOn, string Method, string Payer, long Credit, DateOnly? ReversedOn);

public sealed record ArrearsView(int InstalmentNumber, DateOnly DueOn, long Amount, int DaysOverdue);

public sealed record StatementView(Guid AffiliationId, Guid AccountId, string PaymentPlan, DateOnly? CoverageYearStart, DateOnly AsOf,
    IReadOnlyList<InstalmentView> Instalments, IReadOnlyList<PaymentView> Payments, long TotalDue, long MemberPaid, long Credit,
    IReadOnlyList<ArrearsView> Arrears, bool Suspended, Guid HouseholdId, string? MemberName, string? MemberNumber);

public sealed record PaidView(string Receipt, Guid AccountId, long Amount, DateOnly PaidOn, long Credit, string AffiliationStatus);

public sealed record BucketView(string Name, long Amount, int Instalments);

public sealed record ArrearsLineView(Guid AffiliationId, Guid AccountId, int Instalment, DateOnly DueOn, long Outstanding, int DaysOverdue,
    string? MemberName, string? MemberNumber, string? MemberPhone);

public sealed record ArrearsReport(DateOnly AsOf, long Total, IReadOnlyList<BucketView> Buckets, IReadOnlyList<ArrearsLineView> Lines);

public sealed record RemittanceView(Guid RemittanceId, int? Number, string Period, string State, long Collected, long Fee, long ToRemit,
    long SubsidiesClaimed, Guid? SupersededBy, AcknowledgementView? Acknowledgement, string? DisputeReason);

/// <summary>K-8: the Fund's answer to a submitted statement, with its own reference of the transfer.</summary>
public sealed record AcknowledgementView(string Reference, long ReceivedAmount, DateOnly ReceivedOn);

public sealed record CollectionRow(string Method, string Share, long Amount, int Count);

public sealed record CollectionsMonth(string Period, long MemberCollected, long SubsidiesDue, IReadOnlyList<CollectionRow> Rows);
