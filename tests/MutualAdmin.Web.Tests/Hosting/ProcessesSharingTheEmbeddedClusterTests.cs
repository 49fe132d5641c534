using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Hosting;

/// <summary>
/// Several processes of the built executable on one embedded data folder: an operator runs verbs from
/// a second terminal while the platform runs, or two hosts start at once. The later ones join the
/// running cluster, nobody stops it under another, and the last one out stops it.
/// </summary>
public sealed partial class ProcessesSharingTheEmbeddedClusterTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Verbs_run_beside_the_host_on_its_folder_without_stopping_its_database()
    {
        await using var folder = new DataFolder();
        var port = PlatformProcess.FreePort();
        using var host = PlatformProcess.Host(folder.Path, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await host.Ready(http);
        var server = folder.ServerPid;

        // Every tenth of a second, the host must answer ready (its database answers) while the verbs run.
        var failures = new ConcurrentQueue<string>();
        var answered = 0;
        using var verbsDone = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            while (!verbsDone.IsCancellationRequested)
            {
                try
                {
                    var ready = await http.GetAsync("/health/ready");
                    if (ready.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref answered);
                    else failures.Enqueue($"{(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException e) { failures.Enqueue(e.Message); }
                await Task.Delay(100);
            }
        });

        var tenant = await PlatformProcess.Verb(folder.Path, "create-tenant", "mutuelle-voisine", "Mutuelle voisine");
        var user = await PlatformProcess.Verb(folder.Path, "create-user", "--tenant", "mutuelle-voisine", "--username", "awa@voisine",
            "--password", Password, "--role", "manager");
        var provider = await PlatformProcess.Verb(folder.Path, "create-provider-client", "--name", "Centre voisin",
            "--tenant", "mutuelle-voisine", "--provider", "cs-voisin");
        await verbsDone.CancelAsync();
        await watching;

        Assert.True(tenant.ExitCode == 0, tenant.Output);
        Assert.True(user.ExitCode == 0, user.Output);
        Assert.True(provider.ExitCode == 0, provider.Output);
        Assert.True(failures.IsEmpty, $"the host failed while the verbs ran: {string.Join(" | ", failures)}\n{host.Output}");
        Assert.True(answered > 0);
        Assert.False(host.HasExited, host.Output);
        Assert.Equal(server, folder.ServerPid); // the same server throughout, never restarted

        // What the verbs made, the running host serves.
        var staff = await http.PostAsJsonAsync("/api/auth/token", new { username = "awa@voisine", password = Password });
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        var credentials = Credentials().Match(provider.Output);
        Assert.True(credentials.Success, provider.Output);
        var client = await http.PostAsJsonAsync("/provider/v1/token",
            new { clientId = credentials.Groups["id"].Value, clientSecret = credentials.Groups["secret"].Value });
        Assert.Equal(HttpStatusCode.OK, client.StatusCode);

        // The host started the cluster; leaving, it stops it.
        Assert.Equal(0, await host.Terminate());
        Assert.False(folder.ServerRuns, host.Output);
    }

    [Fact]
    public async Task Two_hosts_starting_at_once_on_one_folder_share_its_cluster_and_the_last_one_out_stops_it()
    {
        await using var folder = new DataFolder();
        var (firstPort, secondPort) = (PlatformProcess.FreePort(), PlatformProcess.FreePort());
        using var first = PlatformProcess.Host(folder.Path, firstPort);
        using var second = PlatformProcess.Host(folder.Path, secondPort);
        using var toFirst = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{firstPort}") };
        using var toSecond = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{secondPort}") };
        await Task.WhenAll(first.Ready(toFirst), second.Ready(toSecond));
        var server = folder.ServerPid;

        // Whichever started the cluster, the first to leave leaves it to the other.
        Assert.Equal(0, await first.Terminate());
        Assert.Equal(server, folder.ServerPid);
        Assert.Equal(HttpStatusCode.OK, (await toSecond.GetAsync("/health/ready")).StatusCode);

        Assert.Equal(0, await second.Terminate());
        Assert.False(folder.ServerRuns, first.Output + second.Output);
    }

    [GeneratedRegex(@"clientId:\s+(?<id>\S+)\s+clientSecret:\s+(?<secret>\S+)")]
    private static partial Regex Credentials();
}
