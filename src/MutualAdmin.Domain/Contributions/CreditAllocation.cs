using static MutualAdmin.Domain.Contributions.ContributionAccount;

namespace MutualAdmin.Domain.Contributions;

/// <summary>K-4: money goes to the oldest unpaid instalment first; what is left is credit, never lost.</summary>
static class CreditAllocation
{
    public static IReadOnlyList<Allocation> OldestFirst(Open account, long amount)
    {
        var allocations = new List<Allocation>();
        foreach (var instalment in account.OldestFirst)
        {
            if (amount == 0) break;
            var part = Math.Min(amount, account.Outstanding(instalment));
            if (part <= 0) continue;
            allocations.Add(new(instalment.Number, part));
            amount -= part;
        }
        return allocations;
    }

    /// <summary>Spends the credit of earlier payments, oldest payment first, on what is now outstanding.</summary>
    public static IReadOnlyList<CreditApplied> Apply(Open account, DateOnly on)
    {
        var applied = new List<CreditApplied>();
        foreach (var payment in account.Payments.Where(p => p.Credit > 0).OrderBy(p => p.PaidOn))
        {
            var allocations = OldestFirst(account, payment.Credit);
            if (allocations.Count == 0) break;
            var credit = new CreditApplied(account.AccountId, payment.Receipt, allocations, on);
            applied.Add(credit);
            account = (Open)Evolve(account, credit);
        }
        return applied;
    }
}
