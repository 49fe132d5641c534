using System.Text.Json;

namespace MutualAdmin.Domain.Schemes;

// S-1: a scheme is a stream per code; each publication appends a new, never-edited version.

public interface ISchemeEvent;

public sealed record SchemeVersionPublished(SchemeVersion Scheme, DateTimeOffset PublishedAt) : ISchemeEvent;

public sealed record PublishSchemeVersion(SchemeVersion Draft, DateTimeOffset PublishedAt);

public static class Scheme
{
    public static readonly IReadOnlyDictionary<Type, string> Events = new Dictionary<Type, string>
    {
        [typeof(SchemeVersionPublished)] = "scheme-version-published",
    };

    public static SchemeCatalogue Initial => SchemeCatalogue.Empty;

    public static SchemeCatalogue Evolve(SchemeCatalogue state, ISchemeEvent @event) => @event switch
    {
        SchemeVersionPublished e => state.With(e.Scheme),
        _ => state,
    };

    public static IReadOnlyList<ISchemeEvent> Decide(PublishSchemeVersion command, SchemeCatalogue state)
    {
        var latest = state.Latest;
        // Re-posting the latest document (seeds at every start-up) is "already done", not a new version.
        if (latest is not null && SameContent(latest, command.Draft)) return [];
        if (latest is not null && latest.Code != command.Draft.Code)
            throw new DomainError("S-1", "SCHEME_CODE_MISMATCH", "the stream holds another scheme code", "code");

        var errors = SchemeValidation.Validate(command.Draft, latest);
        if (errors.Count > 0) throw new DomainError("S-1", "SCHEME_INVALID", errors);

        var published = command.Draft with { Version = (latest?.Version ?? 0) + 1 };
        return [new SchemeVersionPublished(published, command.PublishedAt)];
    }

    static bool SameContent(SchemeVersion published, SchemeVersion draft) =>
        JsonSerializer.Serialize(published with { Version = 0 }) == JsonSerializer.Serialize(draft with { Version = 0 });
}
