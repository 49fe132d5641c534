using System.CommandLine;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Projections;

/// <summary>
/// `rebuild [--projection name]`: rebuilds one projection (or all) into a new generation and waits for
/// the switch, printing progress. The rebuild is the daemon's: if a serving node leads the projection,
/// that node does the work and this command only starts it and follows it.
/// </summary>
public static class RebuildVerb
{
    public static Command Build()
    {
        var name = new Option<string?>("--projection") { Description = "The projection to rebuild (default: all)." };
        var minutes = new Option<int>("--timeout-minutes") { Description = "How long to wait for the switch.", DefaultValueFactory = _ => 120 };
        var command = new Command("rebuild", "Rebuild projections from the event log while the current ones keep serving.") { name, minutes };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await App.Services(ct);
            var daemon = new ProjectionDaemon(services.GetRequiredService<EventStore.EventStore>(), services.GetServices<IProjection>(),
                logger: services.GetRequiredService<ILogger<ProjectionDaemon>>());
            var names = parse.GetValue(name) is { } one ? [one] : daemon.Names.ToList();
            if (names.FirstOrDefault(n => !daemon.Names.Contains(n)) is { } unknown)
            {
                Console.Error.WriteLine($"no projection '{unknown}'; known: {string.Join(", ", daemon.Names)}");
                return 2;
            }
            await daemon.StartAsync(ct);
            try
            {
                foreach (var n in names) Console.WriteLine($"{n}: rebuilding into generation {await daemon.Rebuild(n, ct)}");
                var timeout = TimeSpan.FromMinutes(parse.GetValue(minutes));
                foreach (var n in names)
                {
                    var waiting = daemon.WaitForRebuild(n, timeout, ct);
                    while (await Task.WhenAny(waiting, Task.Delay(5000, ct)) != waiting)
                        if ((await daemon.Status(ct)).FirstOrDefault(s => s.Name == n && s.Rebuild is not null)?.Rebuild is { } p)
                            Console.WriteLine($"{n}: {p.Done:N0} / {p.Total:N0} events, {p.RatePerSecond:N0}/s, {p.TimeLeft?.TotalSeconds:N0} s left");
                    await waiting;
                    Console.WriteLine($"{n}: rebuilt and live");
                }
                return 0;
            }
            finally
            {
                await daemon.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }
}
