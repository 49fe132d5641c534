using MutualAdmin.EventStore.Projections;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MutualAdmin.EventStore.Tests.Projections;

/// <summary>A store with fast daemon settings, and helpers to fill the log and read a balances table.</summary>
public abstract class ProjectionTest(TestCluster cluster) : StoreTest(cluster)
{
    protected static readonly ProjectionOptions Fast = new()
    {
        BatchSize = 50, RebuildBatchSize = 200, PollInterval = TimeSpan.FromMilliseconds(10),
        SupervisionInterval = TimeSpan.FromMilliseconds(100), RetryDelay = TimeSpan.FromMilliseconds(100),
    };

    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected ProjectionDaemon Daemon(params IProjection[] projections) => new(Store, projections, Fast);

    internal ProjectionRunner Runner(IProjection projection, int generation = 1) =>
        new(Store, projection, generation, Fast, NullLogger.Instance, TimeProvider.System);

    /// <summary>Creates generation 1 as the daemon would at start, for tests that drive runners by hand.</summary>
    protected Task Prepare(IProjection projection) => Generations.EnsureLive(DataSource, projection, CancellationToken.None);

    /// <summary>Opens <paramref name="accounts"/> accounts and deposits 1..<paramref name="deposits"/> on each; returns the expected balances.</summary>
    protected async Task<Dictionary<string, long>> Fill(int accounts, int deposits, string tenant = "mutual-a")
    {
        var expected = new Dictionary<string, long>();
        for (var a = 0; a < accounts; a++)
        {
            var id = Stream(tenant);
            await Append(tenant, id, ExpectedVersion.NoStream, [new AccountOpened($"owner-{a}"), .. Enumerable.Range(1, deposits).Select(d => (object)new Deposited(d))]);
            expected[id.Key] = deposits * (deposits + 1L) / 2;
        }
        return expected;
    }

    /// <summary>(stream, balance, applied) per row of a table or view, ordered.</summary>
    protected async Task<List<(string Stream, long Balance, int Applied)>> Rows(string table)
    {
        await using var command = DataSource.CreateCommand($"select stream_id, balance, applied from {table} order by tenant_id, stream_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long, int)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2)));
        return rows;
    }

    protected async Task<long> Checkpoint(string name, int generation = 1) =>
        await Scalar($"select position from projection_progress where name = '{name}' and generation = {generation}");

    /// <summary>Steps a runner until it reports idle (caught up) or stop.</summary>
    internal static async Task<Step> Drain(ProjectionRunner runner)
    {
        for (var i = 0; i < 10_000; i++)
        {
            var step = await runner.RunStep(CancellationToken.None);
            if (step != Step.Applied) return step;
        }
        throw new TimeoutException("runner never caught up");
    }
}
