namespace MutualAdmin.Web.Fund.Webhooks;

/// <summary>Configuration section <c>Fund:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>How long a failing event is retried before it is dead-lettered (the contract: at least 24 h).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(25);

    /// <summary>The first retry's delay; each failure doubles it, up to <see cref="LongestDelay"/>.</summary>
    public TimeSpan FirstRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan LongestDelay { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan PollEvery { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events sent to one endpoint per turn, one after the other (order per endpoint).</summary>
    public int BatchSize { get; set; } = 50;
}
