using MutualAdmin.Domain.Contributions;

namespace MutualAdmin.Domain.Tests.Contributions;

/// <summary>Accounts of the demo household: Awa and Moussa, standard subsidy (3500 each to pay).</summary>
public static class Accounts
{
    public static readonly Guid Id = Guid.Parse("c0000000-0000-4000-8000-000000000001");
    public static readonly Guid AffiliationId = Guid.Parse("a0000000-0000-4000-8000-000000000001");
    public static readonly Guid Awa = Guid.Parse("6f1c1c0e-0000-4000-8000-0000000000a1");
    public static readonly Guid Moussa = Guid.Parse("6f1c1c0e-0000-4000-8000-0000000000a2");
    public static readonly Guid Ibrahima = Guid.Parse("6f1c1c0e-0000-4000-8000-0000000000a3");

    public static BeneficiaryDue Standard(Guid person, long due = 7000) => new(person, "standard", due, due / 2, due - due / 2);

    /// <summary>A quarterly account for a renewed year: 7000 to pay as 1750 × 4, subsidy 1750 × 4.</summary>
    public static ContributionAccountOpened QuarterlyOpened(DateOnly yearStart, DateOnly openedOn) =>
        new(Id, AffiliationId, yearStart, "quarterly", [Standard(Awa), Standard(Moussa)],
        [
            new(1, openedOn, 1750, 1750), new(2, yearStart.AddMonths(3), 1750, 1750),
            new(3, yearStart.AddMonths(6), 1750, 1750), new(4, yearStart.AddMonths(9), 1750, 1750),
        ], openedOn);

    public static ContributionPaid Paid(string receipt, long amount, DateOnly on, long credit = 0, params Allocation[] allocations) =>
        new(Id, receipt, amount, on, "mobile-money", "member", allocations, credit);

    public static ContributionAccount.Open AccountOf(params IContributionEvent[] events) =>
        (ContributionAccount.Open)events.Aggregate(ContributionAccount.Initial, ContributionAccount.Evolve);
}
