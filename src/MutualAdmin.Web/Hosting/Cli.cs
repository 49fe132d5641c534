using System.CommandLine;
using MutualAdmin.Web.Platform;

namespace MutualAdmin.Web.Hosting;

/// <summary>
/// The executable's verbs. `serve` (the default) runs the platform; the others are one-shot
/// administration tasks against the same database and configuration.
/// </summary>
public static class Cli
{
    public static RootCommand Build(string[] args)
    {
        var serve = new Command("serve", "Run the platform (the default).") { TreatUnmatchedTokensAsErrors = false };
        serve.SetAction((_, ct) => App.Serve(args, ct));

        var migrate = new Command("migrate", "Apply the database migrations and exit.");
        migrate.SetAction(async (_, ct) =>
        {
            await using var services = await App.Services(ct);
            return 0;
        });

        var schemaSql = new Command("schema-sql", "Print the SQL this release would apply to Marten's tables, without applying it.");
        schemaSql.SetAction(async (_, ct) =>
        {
            await using var services = await App.Services(ct, migrate: false);
            Console.WriteLine(await services.GetRequiredService<EventStore.EventStore>().PendingSchemaSql(ct));
            return 0;
        });

        var root = new RootCommand("MutualAdmin: the delegated administration of a health insurance scheme.")
        {
            serve, migrate, schemaSql,
        };
        foreach (var verb in PlatformVerbs.All()) root.Subcommands.Add(verb);
        foreach (var verb in Schemes.SchemeVerbs.All()) root.Subcommands.Add(verb);
        root.Subcommands.Add(Enrolment.Importing.ImportVerb.Build());
        root.Subcommands.Add(Seeding.SeedingExtensions.Verb());
        root.Subcommands.Add(Audit.VerifyVerb.Build());
        root.Subcommands.Add(Audit.ImportLogVerb.Build());
        root.Subcommands.Add(Audit.Disregarding.DisregardVerb.Build());
        root.Subcommands.Add(Projections.RebuildVerb.Build());
        root.SetAction((_, ct) => App.Serve(args, ct));
        // ASP.NET's own switches (--urls, --environment, key=value settings) pass through to the host.
        root.TreatUnmatchedTokensAsErrors = false;
        return root;
    }
}
