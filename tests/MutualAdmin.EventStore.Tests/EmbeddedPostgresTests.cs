using MutualAdmin.EventStore.Embedded;
using MutualAdmin.Testing;
using Npgsql;

namespace MutualAdmin.EventStore.Tests;

public sealed class EmbeddedPostgresTests
{
    [Fact]
    public void Without_binaries_the_error_says_what_to_install()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaries.Find(["/nowhere"], []));
        Assert.Contains("apt-get install postgresql", error.Message);
        Assert.Contains("ConnectionStrings__MutualAdmin", error.Message);
        Assert.Equal(path, Environment.GetEnvironmentVariable("PATH"));
    }

    [Fact]
    public void Binaries_are_found_on_this_machine()
    {
        var bin = PostgresBinaries.Find();
        Assert.True(File.Exists(Path.Combine(bin, "initdb")));
    }

    [Fact]
    public async Task A_second_start_on_a_running_folder_joins_the_server_and_stops_nothing()
    {
        await using var folder = new DataFolder();
        await using var first = await EmbeddedPostgres.Start(folder.Path, EmbeddedOptions.Throwaway);
        var second = await EmbeddedPostgres.Start(folder.Path, EmbeddedOptions.Throwaway);

        Assert.True(first.StartedHere);
        Assert.False(second.StartedHere);
        Assert.Equal(first.Port, second.Port);
        Assert.Equal(1, await Answer(second));
        Assert.Equal(Departure.LeftRunning, await second.Leave());
        Assert.Equal(1, await Answer(first));

        Assert.Equal(Departure.Stopped, await first.Leave());
        Assert.False(folder.ServerRuns);
    }

    [Fact]
    public async Task Two_starts_racing_on_a_new_folder_share_one_server()
    {
        await using var folder = new DataFolder();
        var both = await Task.WhenAll(
            Task.Run(() => EmbeddedPostgres.Start(folder.Path, EmbeddedOptions.Throwaway)),
            Task.Run(() => EmbeddedPostgres.Start(folder.Path, EmbeddedOptions.Throwaway)));

        var starter = Assert.Single(both, c => c.StartedHere);
        var joiner = Assert.Single(both, c => !c.StartedHere);
        Assert.Equal(starter.Port, joiner.Port);
        Assert.Equal(1, await Answer(starter));
        Assert.Equal(1, await Answer(joiner));
        Assert.Equal(Departure.LeftRunning, await joiner.Leave());
        Assert.Equal(Departure.Stopped, await starter.Leave());
        Assert.False(folder.ServerRuns);
    }

    [Fact]
    public async Task A_starter_leaving_first_hands_the_server_over_and_the_last_one_out_stops_it()
    {
        await using var folder = new DataFolder();
        var starter = await EmbeddedPostgres.Start(folder.Path, EmbeddedOptions.Throwaway);
        var joiner = await EmbeddedPostgres.Start(folder.Path, EmbeddedOptions.Throwaway);

        Assert.Equal(Departure.HandedOver, await starter.Leave());
        Assert.True(folder.ServerRuns);
        Assert.Equal(1, await Answer(joiner));

        Assert.Equal(Departure.Stopped, await joiner.Leave());
        Assert.False(folder.ServerRuns);
    }

    [Fact]
    public async Task A_stopped_server_resumes_on_the_same_port()
    {
        await using var folder = new DataFolder();
        await using var cluster = await EmbeddedPostgres.Start(folder.Path, EmbeddedOptions.Throwaway);
        await cluster.Stop();
        Assert.False(folder.ServerRuns);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Answer(cluster));

        await cluster.Resume();
        Assert.Equal(1, await Answer(cluster));
    }

    private static async Task<int> Answer(EmbeddedPostgres cluster)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
