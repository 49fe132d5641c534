using System.CommandLine;
using System.Text.Json;
using MutualAdmin.Domain;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Hosting;
using MutualAdmin.Web.Schemes.Publishing;

namespace MutualAdmin.Web.Schemes;

/// <summary>`publish-scheme &lt;file&gt;`: the Fund's POST /fund/v1/schemes from the command line, same document, same rules.</summary>
public static class SchemeVerbs
{
    private static readonly JsonSerializerOptions Json = Options();

    public static IEnumerable<Command> All()
    {
        var file = new Argument<FileInfo>("file") { Description = "A scheme document as fund-api.md \"Schemes\" shows it (JSON)." };
        var command = new Command("publish-scheme", "Publish a scheme version; prints its code and version.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine($"{path.FullName} does not exist"); return 2; }
            await using var services = await App.Services(ct);
            var store = services.GetRequiredService<EventStore.EventStore>();
            SchemeJson.Register(store.Types);
            try
            {
                await using var stream = path.OpenRead();
                var document = await JsonSerializer.DeserializeAsync<SchemeDocument>(stream, Json, ct)
                    ?? throw new JsonException("the file holds null, not a scheme document");
                var (version, isNew) = await PublishScheme.Publish(store,
                    EventMetadata.System(SchemeStreams.Tenant, "publish-scheme"), document, TimeProvider.System.GetUtcNow(), ct);
                Console.WriteLine($"{version.Code} version {version.Version}{(isNew ? " published" : " (already the latest, unchanged)")}");
                return 0;
            }
            catch (Exception e) when (e is JsonException or DomainError or RequestValidationException)
            {
                Console.Error.WriteLine($"{path.Name}: {Describe(e)}");
                return 1;
            }
        });
        yield return command;
    }

    private static string Describe(Exception e) => e switch
    {
        DomainError d when d.Errors.Count > 0 => string.Join(Environment.NewLine, d.Errors.Select(f => $"{f.Field}: {f.Message}")),
        RequestValidationException v => string.Join(Environment.NewLine, v.Errors.Select(f => $"{f.Key}: {string.Join("; ", f.Value)}")),
        _ => e.Message,
    };

    /// <summary>The HTTP API's binding rules, so the file and the POST body are read alike.</summary>
    private static JsonSerializerOptions Options()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ErrorsExtensions.Configure(options);
        return options;
    }
}
