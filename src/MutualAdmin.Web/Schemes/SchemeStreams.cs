using MutualAdmin.Domain.Schemes;
using MutualAdmin.EventStore.Streams;

namespace MutualAdmin.Web.Schemes;

/// <summary>
/// S-1: one stream per scheme code, in the platform tenant of the Fund (schemes belong to no mutual),
/// folded into the domain's <see cref="SchemeCatalogue"/>.
/// </summary>
public static class SchemeStreams
{
    public const string Tenant = "fund";
    public const string StreamType = "scheme";
    public const string Prefix = "scheme-";

    public static StreamId Of(string code) => new(Tenant, Prefix + code);

    public static string CodeOf(string streamKey) => streamKey[Prefix.Length..];

    /// <summary>Codes become stream keys and URL segments, so they stay short and plain ("CSU-BASE").</summary>
    public static bool IsValidCode(string code) =>
        code is { Length: >= 1 and <= 40 } && char.IsAsciiLetterOrDigit(code[0])
        && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static SchemeCatalogue Evolve(SchemeCatalogue state, object @event) =>
        @event is SchemeVersionPublished e ? Scheme.Evolve(state, e with { Scheme = Canonical(e.Scheme) }) : state;

    /// <summary>
    /// The percentage tables in key order. The log stores events as jsonb, which does not keep the key
    /// order of a document; without one order on both sides, re-posting the latest document unchanged
    /// would not be recognised as "the same content" by the decider and would be refused as not later.
    /// </summary>
    public static SchemeVersion Canonical(SchemeVersion scheme) => scheme with
    {
        SubsidyPercent = Sorted(scheme.SubsidyPercent),
        CoverageRatePercent = Sorted(scheme.CoverageRatePercent),
    };

    private static Dictionary<string, int> Sorted(IReadOnlyDictionary<string, int>? table) =>
        (table ?? new Dictionary<string, int>()).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary();
}
