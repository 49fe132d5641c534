using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MutualAdmin.EventStore.Outbox;
using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.EventStore.Tests.Outbox;
using MutualAdmin.Testing;

namespace MutualAdmin.EventStore.Tests.Projections;

/// <summary>The registrations a host uses: the daemon and the dispatcher start and stop with it.</summary>
public sealed class HostingTests(TestCluster cluster) : ProjectionTest(cluster)
{
    [Fact]
    public async Task A_host_runs_the_daemon_and_the_outbox_dispatcher_from_its_registrations()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(Store).AddSingleton(DataSource)
            .AddProjection<AccountBalances>().AddProjectionDaemon(Fast)
            .AddOutboxSender<RecordingSender>().AddOutboxDispatcher(new OutboxOptions { SweepInterval = TimeSpan.FromMilliseconds(50) });
        using var host = builder.Build();
        await host.StartAsync();

        await using (var session = Store.OpenSession(As("mutual-a")))
        {
            session.StartStream(Stream("mutual-a"), "account", new AccountOpened("Awa"), new Deposited(40));
            await session.AddOutboxMessage(new OutboxMessage("fund-webhook", "account-opened", """{"owner": "Awa"}"""));
            await session.SaveChanges();
        }
        await host.Services.GetRequiredService<ProjectionDaemon>().WaitForCatchUp(Patience);
        var sender = (RecordingSender)host.Services.GetRequiredService<IOutboxSender>();
        for (var i = 0; i < 200 && sender.Sent.IsEmpty; i++) await Task.Delay(10);
        await host.StopAsync();

        Assert.Equal(40, Assert.Single(await Rows("balances")).Balance);
        Assert.Equal("account-opened", Assert.Single(sender.Sent).Type);
    }
}
