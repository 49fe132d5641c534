namespace MutualAdmin.Web.Tests.Claims;

/// <summary>
/// The host's business clock, moved forward so that a household affiliated today is covered "later"
/// (after the waiting period) when its claims arrive. Timers stay real; tokens are issued before a shift.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    public DateOnly Today => DateOnly.FromDateTime(GetUtcNow().UtcDateTime);
}
