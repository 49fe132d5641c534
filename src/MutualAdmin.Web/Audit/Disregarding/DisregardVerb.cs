using System.CommandLine;
using MutualAdmin.Domain;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Audit.Disregarding;

/// <summary>
/// `disregard-event --tenant t --position n --reason "…"`: the platform operator's way back from an
/// event holding an impossible value (issue 22), the same record a manager makes through the API.
/// </summary>
public static class DisregardVerb
{
    public static Command Build()
    {
        var tenant = new Option<string>("--tenant") { Required = true, Description = "The mutual whose event it is." };
        var position = new Option<long>("--position") { Required = true, Description = "The event's position, as the failing answer or dead letter names it." };
        var reason = new Option<string>("--reason") { Required = true, Description = "Why it is disregarded (kept in the log)." };
        var command = new Command("disregard-event", "Disregard an event holding an impossible value, so the folds skip it; the log keeps it.")
            { tenant, position, reason };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await App.Services(ct);
            var metadata = new EventMetadata(parse.GetValue(tenant)!, Guid.NewGuid().ToString("N"), "disregard-event",
                UserId: "platform-operator", Role: "platform-operator", Reason: parse.GetValue(reason));
            try
            {
                var (d, isNew) = await DisregardEvent.Record(services.GetRequiredService<EventStore.EventStore>(), metadata,
                    new(parse.GetValue(position), parse.GetValue(reason)), ct);
                Console.WriteLine($"event {d.Position} ({d.EventType}, {d.Field} = {d.Value}) {(isNew ? "disregarded" : "was already disregarded")} at {d.DisregardedAt}");
                return 0;
            }
            catch (RequestValidationException e)
            {
                foreach (var (field, messages) in e.Errors) Console.Error.WriteLine($"{field}: {string.Join("; ", messages)}");
                return 2;
            }
            catch (DomainError e)
            {
                Console.Error.WriteLine($"{e.Rule} {e.Code}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
