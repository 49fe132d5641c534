using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Testing;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Tests;

/// <summary>
/// Runs command-line verbs as the executable runs them, against this class's database. The verbs
/// read the connection string from the process environment, so verb classes share one collection
/// and never run at the same time: put <c>[Collection(VerbTest.Collection)]</c> on each.
/// </summary>
public abstract class VerbTest(TestCluster cluster) : WebTest(cluster)
{
    public const string Collection = "command-line verbs";

    protected async Task<int> Run(params string[] args)
    {
        var connectionString = Factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("MutualAdmin");
        Environment.SetEnvironmentVariable("ConnectionStrings__MutualAdmin", connectionString);
        try
        {
            return await Cli.Build(args).Parse(args).InvokeAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("ConnectionStrings__MutualAdmin", null);
        }
    }
}
