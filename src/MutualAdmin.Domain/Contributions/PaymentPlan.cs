namespace MutualAdmin.Domain.Contributions;

/// <summary>K-3.</summary>
public static class PaymentPlan
{
    public const string Annual = "annual", Quarterly = "quarterly", Seasonal = "seasonal";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Annual, Quarterly, Seasonal };
}

/// <summary>K-4.</summary>
public static class PaymentMethod
{
    public const string Cash = "cash", MobileMoney = "mobile-money", BankTransfer = "bank-transfer",
        CollectorTransfer = "collector-transfer";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Cash, MobileMoney, BankTransfer, CollectorTransfer };
}
