using System.CommandLine;
using MutualAdmin.EventStore.Log;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Audit;

/// <summary>
/// `import-log --file export.ndjson`: loads a mutual's audit export (from its first event) into this
/// database, keeping positions, versions, metadata and hashes, after checking every hash. How an
/// installation of the store before Marten moves over, and how an export restores a mutual. Rebuild
/// the projections afterwards (`rebuild`).
/// </summary>
public static class ImportLogVerb
{
    public static Command Build()
    {
        var file = new Option<FileInfo>("--file") { Description = "The NDJSON audit export (GET /api/audit/export from the first day).", Required = true };
        var command = new Command("import-log", "Load a mutual's audit export into this database, hashes checked and kept.") { file };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await App.Services(ct);
            using var reader = parse.GetValue(file)!.OpenText();
            try
            {
                var loaded = await LogImport.Load(services.GetRequiredService<EventStore.EventStore>(), reader, ct);
                Console.WriteLine($"{loaded.Events:N0} events of {loaded.Tenant} loaded, up to position {loaded.LastPosition}; chain verified. Run `rebuild` to project them.");
                return 0;
            }
            catch (LogImportException refused)
            {
                Console.Error.WriteLine($"nothing loaded: {refused.Message}");
                return 1;
            }
        });
        return command;
    }
}
