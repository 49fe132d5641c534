namespace MutualAdmin.EventStore.Events;

/// <summary>An event as the log holds it: its place, its payload (upcast to the current schema) and who caused it.</summary>
public sealed record RecordedEvent(
    long Position,
    Guid EventId,
    string Tenant,
    string StreamKey,
    long Version,
    string Type,
    int SchemaVersion,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt);

/// <summary>
/// An event whose alias (or schema version) this build does not know, e.g. written by a newer
/// release. Readers get it as data instead of a crash; folds skip it.
/// </summary>
public sealed record UnknownEvent(string Type, int SchemaVersion, string Json);
