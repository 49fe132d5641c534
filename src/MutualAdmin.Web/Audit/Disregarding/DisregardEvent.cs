using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Audit.Disregarding;

/// <summary>
/// <c>POST /api/disregarded-events</c> {position, reason}: a manager disregards an event of their mutual
/// that holds an impossible value (issue 22), so the account, projections and reports it broke answer
/// again; the platform operator does the same with the <c>disregard-event</c> verb. The event stays in
/// the log and the chain still verifies; <c>GET</c> lists what was disregarded.
/// </summary>
public static class DisregardEvent
{
    public const int MaxReasonLength = 500;

    public sealed record Request(long? Position = null, string? Reason = null);

    public sealed record Disregarded(long Position, Guid EventId, string EventType, string StreamKey, string Field, string Value,
        string Reason, long DisregardedAt);

    public static async Task<Results<Created<Disregarded>, Ok<Disregarded>>> Handle(Request request, Actor actor,
        EventStore.EventStore store, CancellationToken ct)
    {
        var (disregarded, isNew) = await Record(store, actor.Metadata("disregard-event", request.Reason?.Trim()), request, ct);
        return isNew ? TypedResults.Created("/api/disregarded-events", disregarded) : TypedResults.Ok(disregarded);
    }

    /// <summary>
    /// The one way an event is disregarded, in <paramref name="metadata"/>'s mutual: 400 for a missing
    /// reason or a position that is not the mutual's, 409 (EVENT_FOLDABLE) for an event holding nothing
    /// impossible, and the earlier record when it is disregarded already.
    /// </summary>
    public static async Task<(Disregarded Disregarded, bool IsNew)> Record(EventStore.EventStore store, EventMetadata metadata, Request request,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Position is not > 0) errors["position"] = ["the position of an event of this mutual"];
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length > MaxReasonLength)
            errors["reason"] = [$"A-1 REASON_REQUIRED: a correction states its reason (at most {MaxReasonLength} characters)"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        var position = request.Position!.Value;
        var reason = request.Reason!.Trim();
        var tenant = metadata.Tenant;

        var found = await store.ReaderFor(tenant).ReadAllAfter(position - 1, limit: 1, ct: ct);
        if (found is not [var e] || e.Position != position)
            throw RequestValidationException.For("position", "no event of this mutual at this position");

        await using var session = store.OpenSession(metadata);
        var id = DisregardedStream.Of(tenant);
        var earlier = await session.Reader.ReadStream(id, ct: ct);
        if (earlier.FirstOrDefault(d => d.Data is EventDisregarded { } x && x.Position == position) is { } already)
            return (View((EventDisregarded)already.Data, already.Position), false);
        if (ImpossibleValues.Find(e.Data) is not { } value)
            throw new DomainError("A-1", "EVENT_FOLDABLE",
                $"event {position} ({e.Type}) holds no impossible value: correct it the ordinary way (a reversal, a review)", "position");

        var disregarded = new EventDisregarded(position, e.EventId, e.Type, e.StreamKey, value.Field, value.Value, reason);
        // Optimistic on the mutual's one stream: of two disregarding at once, one retries (409) and finds it done.
        session.Append(id, earlier.Count == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(earlier[^1].Version), [disregarded],
            DisregardedStream.Type);
        var recorded = await session.SaveChanges(ct);
        return (View(disregarded, recorded[0].Position), true);
    }

    public static async Task<Ok<List<Disregarded>>> List(Actor actor, EventStore.EventStore store, CancellationToken ct)
    {
        var events = await store.ReaderFor(actor.Tenant).ReadStream(DisregardedStream.Of(actor.Tenant), ct: ct);
        return TypedResults.Ok(events.Where(e => e.Data is EventDisregarded).Select(e => View((EventDisregarded)e.Data, e.Position)).ToList());
    }

    private static Disregarded View(EventDisregarded d, long at) =>
        new(d.Position, d.EventId, d.EventType, d.StreamKey, d.Field, d.Value, d.Reason, at);
}
