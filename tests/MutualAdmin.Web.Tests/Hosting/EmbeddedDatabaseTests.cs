using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Testing;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Tests.Hosting;

/// <summary>
/// The host on the embedded default (no connection string), each test on a data folder of its own:
/// an acknowledged commit is on disk unless a developer explicitly says otherwise.
/// </summary>
public sealed class EmbeddedDatabaseTests
{
    [Fact]
    public async Task The_embedded_cluster_acknowledges_a_commit_only_once_it_is_on_disk()
    {
        await using var folder = new DataFolder();
        await using (var host = Host(folder))
        {
            Assert.Equal("on", await Show(host, "synchronous_commit"));
            Assert.Equal("on", await Show(host, "fsync"));
        }
        // The factory's disposal returns before the program's own clean-up has run (it ends on the program's
        // thread), so the host's leaving the cluster is awaited here rather than assumed done.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (folder.ServerRuns && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False(folder.ServerRuns); // the host stopped the cluster it started
    }

    [Fact]
    public async Task Synchronous_commit_is_off_only_when_configured_so()
    {
        await using var folder = new DataFolder();
        await using var host = Host(folder, (Database.SynchronousCommitKey, "off"));
        Assert.Equal("off", await Show(host, "synchronous_commit"));
    }

    private static WebApplicationFactory<Program> Host(DataFolder folder, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("ConnectionStrings:MutualAdmin", ""); // the embedded default, whatever the environment says
            host.UseSetting("MutualAdmin:DataDirectory", folder.Path);
            host.UseSetting("MutualAdmin:SeedDemo", "false");
            foreach (var (key, value) in settings) host.UseSetting(key, value);
        });

    private static async Task<string> Show(WebApplicationFactory<Program> host, string setting)
    {
        host.CreateClient().Dispose(); // starts the host, and so the database
        await using var command = host.Services.GetRequiredService<Database>().DataSource.CreateCommand($"show {setting}");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
