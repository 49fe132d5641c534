using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Schemes;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Observability;

namespace MutualAdmin.Web.Schemes.Publishing;

/// <summary>S-1: the Fund publishes a scheme version; the platform numbers it and never edits it.</summary>
public static class PublishScheme
{
    public sealed record Published(string Code, int Version);

    public static async Task<Results<Created<Published>, Ok<Published>>> Handle(SchemeDocument document, Actor actor,
        EventStore.EventStore store, TimeProvider clock, CancellationToken ct)
    {
        var (version, isNew) = await Publish(store, actor.Metadata("publish-scheme-version", tenant: SchemeStreams.Tenant),
            document, clock.GetUtcNow(), ct);
        var published = new Published(version.Code, version.Version);
        // Re-posting the latest document unchanged is the same publication, not a new version (S-1): the
        // Fund's retries and the seeds' re-publication at every start get the existing {code, version}.
        return isNew
            ? TypedResults.Created($"/fund/v1/schemes/{version.Code}/versions/{version.Version}", published)
            : TypedResults.Ok(published);
    }

    /// <summary>The one way a version is published (endpoint and command line): decide on the folded stream, append at its version.</summary>
    public static async Task<(SchemeVersion Version, bool IsNew)> Publish(EventStore.EventStore store, EventMetadata metadata,
        SchemeDocument document, DateTimeOffset now, CancellationToken ct)
    {
        if (!SchemeStreams.IsValidCode(document.Code))
            throw RequestValidationException.For("code", "must be 1-40 letters, digits, dashes, underscores or dots, starting with a letter or digit");
        using var activity = Telemetry.Source.StartActivity("publish-scheme-version");
        await using var session = store.OpenSession(metadata);
        var scheme = await session.FetchForWriting(SchemeStreams.Of(document.Code), Scheme.Initial, SchemeStreams.Evolve, ct: ct);
        var events = Scheme.Decide(new PublishSchemeVersion(document.ToDraft(), now), scheme.State);
        if (events.Count == 0) return (scheme.State.Latest!, false);

        // Optimistic: a version published concurrently makes this append a concurrency error (409), never a second "version n".
        session.Append(scheme.Id, ExpectedVersion.Exactly(scheme.Version), [.. events], SchemeStreams.StreamType);
        await session.SaveChanges(ct);
        var version = ((SchemeVersionPublished)events[0]).Scheme;
        activity?.SetTag("scheme.code", version.Code).SetTag("scheme.version", version.Version);
        return (version, true);
    }
}
