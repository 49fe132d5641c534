using Microsoft.Extensions.Logging;

namespace MutualAdmin.EventStore.Projections;

/// <summary>Logs a rebuild's progress every few seconds: positions done of the head, rate, time left.</summary>
internal sealed class RebuildLog(string projection, int generation, TimeSpan interval, ILogger logger, TimeProvider time)
{
    private readonly long started = time.GetTimestamp();
    private long firstPosition = -1;
    private long lastLog = time.GetTimestamp();

    public void Report(long position, long head)
    {
        if (firstPosition < 0) firstPosition = position;
        if (time.GetElapsedTime(lastLog) < interval) return;
        lastLog = time.GetTimestamp();
        var progress = RebuildProgress.From(position - firstPosition, position, head, time.GetElapsedTime(started));
        logger.LogInformation("Rebuilding {Projection} generation {Generation}: {Done}/{Total} positions, {Rate:F0}/s, about {Left} left",
            projection, generation, progress.Done, progress.Total, progress.RatePerSecond, progress.TimeLeft);
    }
}
