using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MutualAdmin.EventStore.Outbox;

/// <summary>
/// Sends outbox messages after commit (architecture.md decision 7). It wakes on the commit's
/// notification and otherwise sweeps every <see cref="OutboxOptions.SweepInterval"/>, which is what
/// recovers messages whose sender crashed: any node may run one, claims never overlap.
/// </summary>
public sealed class OutboxDispatcher(NpgsqlDataSource dataSource, IEnumerable<IOutboxSender> senders,
    OutboxOptions? options = null, ILogger<OutboxDispatcher>? logger = null) : BackgroundService
{
    private readonly Dictionary<string, IOutboxSender> byDestination = senders.ToDictionary(s => s.Destination);
    private readonly OutboxOptions options = options ?? new();
    private readonly ILogger logger = logger ?? NullLogger<OutboxDispatcher>.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"listen {OutboxWriter.Channel}", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    while (await Sweep(stoppingToken) > 0) { }
                    await listener.WaitAsync(options.SweepInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Outbox: database unavailable, retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    /// <summary>Claims due messages (skipping those other nodes hold), sends them, records the outcome. Returns how many were claimed.</summary>
    public async Task<int> Sweep(CancellationToken ct = default)
    {
        var claimed = await OutboxClaims.Claim(dataSource, options, ct);
        foreach (var message in claimed)
        {
            try
            {
                if (!byDestination.TryGetValue(message.Destination, out var sender))
                    throw new InvalidOperationException($"no outbox sender for destination '{message.Destination}'");
                await sender.Send(message, ct);
                await OutboxClaims.Sent(dataSource, message, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; } // the lease brings it back
            catch (Exception e)
            {
                var dead = message.Attempt >= options.MaxAttempts;
                logger.Log(dead ? LogLevel.Error : LogLevel.Warning, e, "Outbox message {MessageId} to {Destination} failed (attempt {Attempt}{Dead})",
                    message.MessageId, message.Destination, message.Attempt, dead ? ", dead-lettered" : "");
                await OutboxClaims.Failed(dataSource, message, e, dead ? null : options.Backoff(message.Attempt), CancellationToken.None);
            }
        }
        return claimed.Count;
    }
}
