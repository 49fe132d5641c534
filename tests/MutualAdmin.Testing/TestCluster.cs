using MutualAdmin.EventStore.Embedded;
using Npgsql;
using Xunit;

namespace MutualAdmin.Testing;

/// <summary>
/// One PostgreSQL cluster per test assembly (declare it with [assembly: AssemblyFixture(typeof(TestCluster))]):
/// the server named by MUTUALADMIN_TEST_DB when set, else a private temporary cluster.
/// Each test class asks for its own fresh database so classes never see each other's rows.
/// </summary>
public sealed class TestCluster : IAsyncLifetime
{
    private EmbeddedPostgres? embedded;
    private string adminConnectionString = "";

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("MUTUALADMIN_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            adminConnectionString = configured;
            return;
        }
        var folder = Path.Combine(Path.GetTempPath(), $"mutualadmin-test-{Guid.NewGuid():N}");
        // Throwaway: synchronous_commit and fsync off for speed; nothing in it outlives the test run.
        embedded = await EmbeddedPostgres.Start(folder, EmbeddedOptions.Throwaway);
        adminConnectionString = embedded.ConnectionString;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabase(string purpose)
    {
        var name = $"t_{new string(purpose.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(24).ToArray())}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (embedded is not null) await embedded.DisposeAsync();
    }
}
