using MutualAdmin.Domain;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.Web.Audit.Disregarding;

/// <summary>
/// A fold met an event holding a value no fold can take, and nobody has disregarded it yet: the answer
/// names the event (409, not a 500 from an overflowing sum), so a manager can disregard it.
/// </summary>
public sealed class ImpossibleEventException(RecordedEvent e, ImpossibleValue value) : Exception(
    $"event {e.Position} ({e.Type} in {e.StreamKey}) holds {value.Field} = {value.Value}, beyond what can be added up; " +
    $"a manager can disregard it with POST /api/disregarded-events {{\"position\": {e.Position}, \"reason\": \"...\"}}")
{
    public long Position { get; } = e.Position;
    public string EventType { get; } = e.Type;
    public string Field { get; } = value.Field;
}
