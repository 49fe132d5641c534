using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Contributions;

namespace MutualAdmin.Domain;

/// <summary>A value in a stored event that no fold can take: its JSON path in the event and the value.</summary>
public sealed record ImpossibleValue(string Field, string Value);

/// <summary>
/// Finds, in a stored event, an amount or quantity beyond <see cref="Amounts.MaxStorable"/> (issue 22):
/// something older code let in, which would overflow the sums of an account, a projection or a report.
/// Folds check each event they meet and name the one that holds such a value instead of failing on a
/// sum; the same check decides which events a manager may disregard. Products (quantity × price) are
/// taken in 128 bits, so the check itself never overflows.
/// </summary>
public static class ImpossibleValues
{
    const int MaxStorableQuantity = 1_000_000;

    public static ImpossibleValue? Find(object? @event) => @event switch
    {
        ContributionAccountOpened o => First(
            o.Dues.Select((d, i) => Due($"dues[{i}]", d)).Concat(o.Instalments.Select((x, i) => Instalment($"instalments[{i}]", x)))),
        BeneficiaryContributionCalled c => Due("due", c.Due) ?? Instalment("instalment", c.Instalment),
        ContributionPaid p => Money("amount", p.Amount) ?? Money("credit", p.Credit) ?? Allocations("allocations", p.Allocations),
        CreditApplied c => Allocations("allocations", c.Allocations),
        ContributionReversed r => Money("amount", r.Amount) ?? Allocations("reopened", r.Reopened),
        RemittancePrepared r => Money("collected", r.Collected) ?? Money("fee", r.Fee) ?? Money("toRemit", r.ToRemit)
            ?? Money("subsidiesTotal", r.SubsidiesTotal) ?? First(r.SubsidiesClaimed.Select((s, i) => Money($"subsidiesClaimed[{i}].amount", s.Amount))),
        RemittanceAcknowledged a => Money("receivedAmount", a.ReceivedAmount),
        ClaimSubmitted s => First(s.Claim.Lines.Select((l, i) => Line($"claim.lines[{i}]", l.Quantity, l.ClaimedUnitPrice))),
        ClaimAdjudicated a => Lines(a.Lines) ?? Money("claimed", a.Claimed) ?? Money("eligible", a.Eligible) ?? Money("benefit", a.Benefit)
            ?? Money("coPayment", a.CoPayment),
        ClaimReviewed r => Lines(r.Lines) ?? Money("eligible", r.Eligible) ?? Money("benefit", r.Benefit) ?? Money("coPayment", r.CoPayment),
        PaymentBatchPrepared b => Money("total", b.Total) ?? First(b.Claims.Select((c, i) => Money($"claims[{i}].benefit", c.Benefit))),
        _ => null,
    };

    static ImpossibleValue? First(IEnumerable<ImpossibleValue?> found) => found.FirstOrDefault(f => f is not null);

    static ImpossibleValue? Money(string field, long value) =>
        value is >= -Amounts.MaxStorable and <= Amounts.MaxStorable ? null : new(field, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    static ImpossibleValue? Quantity(string field, int value) =>
        value is >= 0 and <= MaxStorableQuantity ? null : new(field, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    static ImpossibleValue? Line(string at, int quantity, long unitPrice) =>
        Quantity($"{at}.quantity", quantity) ?? Money($"{at}.claimedUnitPrice", unitPrice)
        ?? ((Int128)quantity * unitPrice is var claimed && Int128.Abs(claimed) > Amounts.MaxStorable
            ? new($"{at}.quantity", $"{quantity} × {unitPrice}") : null);

    static ImpossibleValue? Lines(IReadOnlyList<LineDecision> lines) => First(lines.Select((l, i) => $"lines[{i}]" is var at
        ? Line(at, l.Quantity, l.ClaimedUnitPrice) ?? Quantity($"{at}.approvedQuantity", l.ApprovedQuantity)
          ?? Money($"{at}.approvedUnitPrice", l.ApprovedUnitPrice) ?? Money($"{at}.eligible", l.Eligible)
          ?? Money($"{at}.benefit", l.Benefit) ?? Money($"{at}.coPayment", l.CoPayment)
        : null));

    static ImpossibleValue? Due(string at, BeneficiaryDue d) =>
        Money($"{at}.due", d.Due) ?? Money($"{at}.memberShare", d.MemberShare) ?? Money($"{at}.subsidyShare", d.SubsidyShare);

    static ImpossibleValue? Instalment(string at, Instalment i) =>
        Money($"{at}.memberShare", i.MemberShare) ?? Money($"{at}.subsidyShare", i.SubsidyShare);

    static ImpossibleValue? Allocations(string at, IReadOnlyList<Allocation> allocations) =>
        First(allocations.Select((a, i) => Money($"{at}[{i}].amount", a.Amount)));
}
