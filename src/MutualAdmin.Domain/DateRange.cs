namespace MutualAdmin.Domain;

/// <summary>An inclusive range of business dates; <c>To</c> null means "still running".</summary>
public sealed record DateRange(DateOnly From, DateOnly? To)
{
    public bool Contains(DateOnly date) => date >= From && (To is null || date <= To);
}
