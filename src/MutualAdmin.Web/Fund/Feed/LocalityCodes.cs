using System.Text.Json;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Seeding;

namespace MutualAdmin.Web.Fund.Feed;

/// <summary>
/// The Fund's code of a member's locality (fund-api.md: the feed carries the locality code): the
/// commune's code in seeds/localities.json, built into the assembly so every host has the same list.
/// Households carry the three names (E-1); a district name that does not match still finds the
/// commune when its name is unique in the region. A commune not in the list has no code (null).
/// </summary>
public static class LocalityCodes
{
    private static readonly (Dictionary<(string, string, string), string> ByPath, Dictionary<(string, string), string?> ByCommune) Codes = Load();

    public static string? Of(Locality l)
    {
        var (region, district, commune) = (Key(l.Region), Key(l.District), Key(l.Commune));
        return Codes.ByPath.TryGetValue((region, district, commune), out var code) ? code
            : Codes.ByCommune.GetValueOrDefault((region, commune));
    }

    private static string Key(string name) => name.Trim().ToUpperInvariant();

    private static (Dictionary<(string, string, string), string>, Dictionary<(string, string), string?>) Load()
    {
        using var stream = typeof(LocalityCodes).Assembly.GetManifestResourceStream("MutualAdmin.Web.localities.json")
            ?? throw new InvalidOperationException("localities.json is not built into the assembly");
        var seeds = JsonSerializer.Deserialize<LocalitySeeds>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var byPath = new Dictionary<(string, string, string), string>();
        var byCommune = new Dictionary<(string, string), string?>();
        foreach (var r in seeds.Regions)
            foreach (var d in r.Districts)
                foreach (var c in d.Communes)
                {
                    byPath[(Key(r.Name), Key(d.Name), Key(c.Name))] = c.Code;
                    // The same commune name twice in a region names no one commune.
                    var commune = (Key(r.Name), Key(c.Name));
                    byCommune[commune] = byCommune.ContainsKey(commune) ? null : c.Code;
                }
        return (byPath, byCommune);
    }
}
