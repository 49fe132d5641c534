using System.Globalization;
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
/// taken in 128 bits, so the check itself never overflows. Every fold runs it on every event, so the
/// values are compared first and a field's path is only written for the one that fails.
/// </summary>
public static class ImpossibleValues
{
    const int MaxStorableQuantity = 1_000_000;

    public static ImpossibleValue? Find(object? @event) => @event switch
    {
        ContributionAccountOpened o => Dues("dues", o.Dues) ?? Instalments("instalments", o.Instalments),
        BeneficiaryContributionCalled c => Due("due", c.Due) ?? Instalment("instalment", c.Instalment),
        ContributionPaid p => Money("amount", p.Amount) ?? Money("credit", p.Credit) ?? Allocations("allocations", p.Allocations),
        CreditApplied c => Allocations("allocations", c.Allocations),
        ContributionReversed r => Money("amount", r.Amount) ?? Allocations("reopened", r.Reopened),
        RemittancePrepared r => Money("collected", r.Collected) ?? Money("fee", r.Fee) ?? Money("toRemit", r.ToRemit)
            ?? Money("subsidiesTotal", r.SubsidiesTotal) ?? Subsidies(r.SubsidiesClaimed),
        RemittanceAcknowledged a => Money("receivedAmount", a.ReceivedAmount),
        ClaimSubmitted s => ClaimLines(s.Claim.Lines),
        ClaimAdjudicated a => Decisions(a.Lines) ?? Money("claimed", a.Claimed) ?? Money("eligible", a.Eligible) ?? Money("benefit", a.Benefit)
            ?? Money("coPayment", a.CoPayment),
        ClaimReviewed r => Decisions(r.Lines) ?? Money("eligible", r.Eligible) ?? Money("benefit", r.Benefit) ?? Money("coPayment", r.CoPayment),
        PaymentBatchPrepared b => Money("total", b.Total) ?? Batched(b.Claims),
        _ => null,
    };

    static bool Storable(long value) => value is >= -Amounts.MaxStorable and <= Amounts.MaxStorable;

    static bool Storable(int quantity) => quantity is >= 0 and <= MaxStorableQuantity;

    static bool Storable(int quantity, long unitPrice) =>
        Storable(quantity) && Storable(unitPrice) && Int128.Abs((Int128)quantity * unitPrice) <= Amounts.MaxStorable;

    static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    static ImpossibleValue? Money(string field, long value) => Storable(value) ? null : new(field, Show(value));

    static ImpossibleValue? Quantity(string field, int value) => Storable(value) ? null : new(field, Show(value));

    static ImpossibleValue? Line(string at, int quantity, long unitPrice) =>
        Storable(quantity, unitPrice) ? null
        : Quantity($"{at}.quantity", quantity) ?? Money($"{at}.claimedUnitPrice", unitPrice)
          ?? new($"{at}.quantity", $"{quantity} × {unitPrice}");

    static ImpossibleValue? ClaimLines(IReadOnlyList<ClaimLine> lines)
    {
        for (var i = 0; i < lines.Count; i++)
            if (!Storable(lines[i].Quantity, lines[i].ClaimedUnitPrice)) return Line($"claim.lines[{i}]", lines[i].Quantity, lines[i].ClaimedUnitPrice);
        return null;
    }

    static ImpossibleValue? Decisions(IReadOnlyList<LineDecision> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (Storable(l.Quantity, l.ClaimedUnitPrice) && Storable(l.ApprovedQuantity) && Storable(l.ApprovedUnitPrice)
                && Storable(l.Eligible) && Storable(l.Benefit) && Storable(l.CoPayment)) continue;
            var at = $"lines[{i}]";
            return Line(at, l.Quantity, l.ClaimedUnitPrice) ?? Quantity($"{at}.approvedQuantity", l.ApprovedQuantity)
                ?? Money($"{at}.approvedUnitPrice", l.ApprovedUnitPrice) ?? Money($"{at}.eligible", l.Eligible)
                ?? Money($"{at}.benefit", l.Benefit) ?? Money($"{at}.coPayment", l.CoPayment);
        }
        return null;
    }

    static ImpossibleValue? Due(string at, BeneficiaryDue d) =>
        Storable(d.Due) && Storable(d.MemberShare) && Storable(d.SubsidyShare) ? null
        : Money($"{at}.due", d.Due) ?? Money($"{at}.memberShare", d.MemberShare) ?? Money($"{at}.subsidyShare", d.SubsidyShare);

    static ImpossibleValue? Dues(string at, IReadOnlyList<BeneficiaryDue> dues)
    {
        for (var i = 0; i < dues.Count; i++)
            if (!Storable(dues[i].Due) || !Storable(dues[i].MemberShare) || !Storable(dues[i].SubsidyShare)) return Due($"{at}[{i}]", dues[i]);
        return null;
    }

    static ImpossibleValue? Instalment(string at, Instalment i) =>
        Storable(i.MemberShare) && Storable(i.SubsidyShare) ? null
        : Money($"{at}.memberShare", i.MemberShare) ?? Money($"{at}.subsidyShare", i.SubsidyShare);

    static ImpossibleValue? Instalments(string at, IReadOnlyList<Instalment> instalments)
    {
        for (var i = 0; i < instalments.Count; i++)
            if (!Storable(instalments[i].MemberShare) || !Storable(instalments[i].SubsidyShare)) return Instalment($"{at}[{i}]", instalments[i]);
        return null;
    }

    static ImpossibleValue? Allocations(string at, IReadOnlyList<Allocation> allocations)
    {
        for (var i = 0; i < allocations.Count; i++)
            if (!Storable(allocations[i].Amount)) return new($"{at}[{i}].amount", Show(allocations[i].Amount));
        return null;
    }

    static ImpossibleValue? Subsidies(IReadOnlyList<SubsidyReceivable> subsidies)
    {
        for (var i = 0; i < subsidies.Count; i++)
            if (!Storable(subsidies[i].Amount)) return new($"subsidiesClaimed[{i}].amount", Show(subsidies[i].Amount));
        return null;
    }

    static ImpossibleValue? Batched(IReadOnlyList<BatchedClaim> claims)
    {
        for (var i = 0; i < claims.Count; i++)
            if (!Storable(claims[i].Benefit)) return new($"claims[{i}].benefit", Show(claims[i].Benefit));
        return null;
    }
}
