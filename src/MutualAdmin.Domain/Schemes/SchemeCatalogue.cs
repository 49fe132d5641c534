namespace MutualAdmin.Domain.Schemes;

/// <summary>
/// The published versions of one scheme code, in publication order (which is also effectiveFrom
/// order, S-1). This is also the state of the scheme stream.
/// </summary>
public sealed record SchemeCatalogue(IReadOnlyList<SchemeVersion> Versions)
{
    public static readonly SchemeCatalogue Empty = new([]);

    public SchemeVersion? Latest => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>S-2: the version in force on the date that matters, or null before the first one.</summary>
    public SchemeVersion? InForceOn(DateOnly date) =>
        Versions.LastOrDefault(v => v.EffectiveFrom <= date);

    public SchemeVersion? Find(int version) => Versions.FirstOrDefault(v => v.Version == version);

    public SchemeCatalogue With(SchemeVersion published) => new([.. Versions, published]);
}
