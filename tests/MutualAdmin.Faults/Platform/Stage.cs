using System.Text.RegularExpressions;
using MutualAdmin.Faults.Load;

namespace MutualAdmin.Faults.Platform;

/// <summary>
/// The platform as the fault cases meet it: the harness's PostgreSQL, the demo data seeded by the
/// `seed-demo` verb (its Fund client's secret read from what the verb prints), and the host serving.
/// </summary>
public sealed partial class Stage : IAsyncDisposable
{
    private Stage(Postgres database, Host host, string fundClient, string fundSecret)
    {
        Database = database;
        Host = host;
        FundClient = fundClient;
        FundSecret = fundSecret;
    }

    public Postgres Database { get; }
    public Host Host { get; }
    public string FundClient { get; }
    public string FundSecret { get; }

    public static async Task<Stage> Start(string? parent = null)
    {
        var database = await Postgres.Start(parent);
        // MUTUALADMIN_FAULTS_HOST_DB_OPTIONS adds Npgsql settings to the host's connection string, e.g.
        // "Command Timeout=5;Timeout=5" to see how a frozen server is answered with them (README, Faults).
        var host = new Host($"{database.ConnectionString};{Environment.GetEnvironmentVariable("MUTUALADMIN_FAULTS_HOST_DB_OPTIONS")}".TrimEnd(';'));
        var (code, output) = await host.Verb("seed-demo");
        var client = FundClientLine().Match(output);
        if (code != 0 || !client.Success) throw new InvalidOperationException($"seed-demo exited {code}:\n{output}");
        await host.Start();
        return new Stage(database, host, client.Groups[1].Value, client.Groups[2].Value);
    }

    public async Task<(Staff Staff, Session Fund)> SignIn() =>
        (await Staff.SignIn(Host.Address), await Session.Fund(Host.Address, FundClient, FundSecret));

    public Task<(int Code, string Output)> Verify() => Host.Verb("verify");

    [GeneratedRegex(@"clientId (\S+)\s+clientSecret (\S+)")]
    private static partial Regex FundClientLine();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}
