using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Web.Ui.Dashboards;

/// <summary>
/// The dashboard's locality choice: each region, each of its districts and each of their communes, as
/// one list; a choice is written "region|district|commune" with the parts it leaves open empty.
/// </summary>
public static class LocalityChoice
{
    public static IEnumerable<(string Value, string Label)> Options(IReadOnlyList<Locality> all) =>
        all.GroupBy(l => l.Region).SelectMany(region =>
            new[] { ($"{region.Key}||", region.Key) }.Concat(region.GroupBy(l => l.District).SelectMany(district =>
                new[] { ($"{region.Key}|{district.Key}|", $"{region.Key} › {district.Key}") }
                    .Concat(district.Select(l => (Value(l), $"{l.Region} › {l.District} › {l.Commune}"))))));

    public static string Value(Locality l) => $"{l.Region}|{l.District}|{l.Commune}";

    public static string Value(LocalityFilter f) => f.IsEmpty ? "" : $"{f.Region}|{f.District}|{f.Commune}";

    /// <summary>The API's query parameters for a choice; nothing for all localities.</summary>
    public static string Query(string choice)
    {
        var parts = choice.Split('|');
        if (parts.Length != 3) return "";
        return string.Concat(new[] { "region", "district", "commune" }.Zip(parts)
            .Where(p => p.Second.Length > 0).Select(p => $"&{p.First}={Uri.EscapeDataString(p.Second)}"));
    }
}
