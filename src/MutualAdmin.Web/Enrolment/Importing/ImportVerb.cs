using System.CommandLine;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Enrolment.Importing;

/// <summary>`import --tenant … --collector … file.csv`: the collective registration (E-10) from the command line.</summary>
public static class ImportVerb
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "A household file (columns: seeds/README.md)." };
        var tenant = new Option<string>("--tenant") { Required = true, Description = "The mutual registering the households." };
        var collector = new Option<string>("--collector") { Required = true, Description = "The collector whose file it is." };
        var report = new Option<FileInfo?>("--report") { Description = "Where to write the per-row report (CSV)." };
        var command = new Command("import", "Register a collector's households from a CSV file; prints progress and a summary.")
            { file, tenant, collector, report };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine($"{path.FullName} does not exist"); return 2; }
            await using var services = await App.Services(ct);
            var importId = Guid.CreateVersion7();
            using var reader = new StreamReader(path.OpenRead());
            var running = services.GetRequiredService<CollectiveImport>()
                .Run(parse.GetValue(collector)!, reader, EventMetadata.System(parse.GetValue(tenant)!, "import-households"), importId, ct);
            var progress = services.GetRequiredService<ImportProgress>();
            while (await Task.WhenAny(running, Task.Delay(2000, ct)) != running)
                Console.WriteLine($"{progress.Find(parse.GetValue(tenant)!, importId)?.RowsDone ?? 0} rows done");
            var result = await running;
            Console.WriteLine($"{result.HouseholdsRegistered} households registered ({result.RowsRegistered} rows, {result.Events} events), " +
                $"{result.RowsAlreadyRegistered} rows already registered, {result.RowsRejected} rows rejected");
            if (parse.GetValue(report) is { } target)
            {
                await using var writer = new StreamWriter(target.FullName);
                Csv.WriteLine(writer, ["row", "field", "reason"]);
                foreach (var p in result.Problems) Csv.WriteLine(writer, [p.Row.ToString(), p.Field, p.Reason]);
            }
            else foreach (var p in result.Problems) Console.WriteLine($"row {p.Row}: {p.Field}: {p.Reason}");
            return result.RowsRejected == 0 ? 0 : 1;
        });
        return command;
    }
}
