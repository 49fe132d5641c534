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

    /// <summary>
    /// Hosts (names or literal addresses) the operator trusts as webhook targets whatever they resolve
    /// to, e.g. the Fund's receiver on a private network. Empty by default: only public addresses.
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Hosts that may be sent to over plain http; every other endpoint needs https. Empty by default.</summary>
    public string[] AllowPlainHttpFor { get; set; } = [];
}
