using System.Text.Json.Serialization;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.Web.Reports;

/// <summary>A manager published a month's report: what it was as of, and the hash it must keep .</summary>
public sealed record ReportPublished(string Kind, string Period, long Position, string Sha256, DateTimeOffset PublishedAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReportPublished))]
internal sealed partial class ReportJson : JsonSerializerContext
{
    public const string Alias = "report-published";

    public static EventTypes Register(EventTypes types)
    {
        if (!types.IsRegistered(typeof(ReportPublished))) types.Register(Alias, Default.ReportPublished);
        return types;
    }
}
