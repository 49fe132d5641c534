using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Contributions;

/// <summary>
/// The shape checks of a payment (K-4), all fields at once so the cashier fixes the form in one go;
/// each message starts with the rule and code. The decider checks the same again, as the rule.
/// </summary>
public static class PaymentInput
{
    public const int MaxReceiptLength = Input.TextLimits.Receipt;

    /// <param name="maxAmount">One payment's ceiling (<see cref="Amounts.MaxAmount"/>); a collector's transfer, the sum of many, has its own.</param>
    public static void Check(string? receipt, long amount, string? method, DateOnly paidOn, DateOnly today, string prefix = "",
        long maxAmount = Amounts.MaxAmount)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(receipt) || receipt.Trim().Length > MaxReceiptLength || receipt.Any(char.IsControl))
            errors[prefix + "receipt"] = [$"K-4 REQUIRED: 1-{MaxReceiptLength} printable characters"];
        if (amount <= 0) errors[prefix + "amount"] = ["K-4 AMOUNT_NOT_POSITIVE: a payment is a positive amount"];
        else if (amount > maxAmount) errors[prefix + "amount"] = [$"K-4 AMOUNT_TOO_LARGE: at most {maxAmount} in the currency's minor unit"];
        if (method is null || !PaymentMethod.All.Contains(method))
            errors[prefix + "method"] = ["K-4 METHOD_UNKNOWN: cash, mobile-money, bank-transfer or collector-transfer"];
        // Recorded when received, never announced ahead: K-8 counts a payment in the month of its date.
        if (paidOn > today) errors[prefix + "paidOn"] = ["K-4 PAID_IN_FUTURE: a payment cannot be dated after today"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
    }
}
