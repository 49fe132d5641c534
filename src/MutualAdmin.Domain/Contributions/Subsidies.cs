using static MutualAdmin.Domain.Contributions.ContributionAccount;

namespace MutualAdmin.Domain.Contributions;

/// <summary>K-7: a subsidy share owed by the Fund, claimed in the statement of the month it fell due.</summary>
public sealed record SubsidyReceivable(Guid AccountId, int InstalmentNumber, DateOnly DueOn, long Amount);

/// <summary>A movement of member money: a payment (positive) or a reversal (negative), on its own date.</summary>
public sealed record Collection(Guid AccountId, string Receipt, DateOnly On, long Amount);

public static class Subsidies
{
    public static IReadOnlyList<SubsidyReceivable> FallingDueIn(Open account, string period) =>
        [.. account.Instalments.Where(i => i.SubsidyShare > 0 && i.DueOn is { } due && Periods.Of(due) == period)
            .Select(i => new SubsidyReceivable(account.AccountId, i.Number, i.DueOn!.Value, i.SubsidyShare))];

    /// <summary>K-7: receivables are settled once the statement that claimed them is acknowledged.</summary>
    public static IReadOnlyList<SubsidyReceivable> Settled(IEnumerable<Remittance.Statement> statements) =>
        [.. statements.Where(s => s.State == RemittanceState.Acknowledged).SelectMany(s => s.SubsidiesClaimed)];

    /// <summary>K-7: what the Fund still owes: receivables fallen due and not settled.</summary>
    public static IReadOnlyList<SubsidyReceivable> Outstanding(IEnumerable<SubsidyReceivable> due, IEnumerable<Remittance.Statement> statements)
    {
        var settled = Settled(statements).Select(r => (r.AccountId, r.InstalmentNumber)).ToHashSet();
        return [.. due.Where(r => !settled.Contains((r.AccountId, r.InstalmentNumber)))];
    }

    /// <summary>K-8: payments on their payment date, reversals on their reversal date.</summary>
    public static IReadOnlyList<Collection> Collections(Open account) =>
        [.. account.Payments.Select(p => new Collection(account.AccountId, p.Receipt, p.PaidOn, p.Amount)),
            .. account.Payments.Where(p => p.ReversedOn is not null)
                .Select(p => new Collection(account.AccountId, p.Receipt, p.ReversedOn!.Value, -p.Amount))];
}

/// <summary>Months as "yyyy-MM", the period format of the Fund API.</summary>
public static class Periods
{
    public static string Of(DateOnly date) => $"{date.Year:D4}-{date.Month:D2}";

    public static bool IsValid(string period) =>
        period is { Length: 7 } && DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", out _);
}
