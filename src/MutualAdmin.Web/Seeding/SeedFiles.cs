using System.Text.Json;
using System.Text.Json.Serialization;
using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Web.Seeding;

/// <summary>
/// Typed access to the demo data under <c>seeds/</c>. Loading is strict (unknown fields and nulls in
/// non-nullable places fail) so that a typo in a seed file stops start-up instead of seeding half a demo.
/// </summary>
public sealed class SeedFiles(string directory)
{
    /// <summary>Configuration key naming the seeds folder when it is not found by walking up.</summary>
    public const string DirectoryKey = "MutualAdmin:SeedsDirectory";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public string Folder { get; } = Path.GetFullPath(directory);

    /// <summary>
    /// The configured folder when given (it must exist), else the first <c>seeds/</c> found walking up
    /// from the executable's folder and then from the current directory: tests and <c>dotnet run</c>
    /// start deep inside bin/, a container starts next to the files.
    /// </summary>
    public static SeedFiles Locate(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Directory.Exists(configured) ? new(configured)
                : throw new DirectoryNotFoundException($"{DirectoryKey} names '{configured}', which does not exist");
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "seeds");
                if (File.Exists(Path.Combine(candidate, "tenants.json"))) return new(candidate);
            }
        throw new DirectoryNotFoundException($"no seeds/ folder above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; set {DirectoryKey}");
    }

    public static SeedFiles Locate(IConfiguration configuration) => Locate(configuration[DirectoryKey]);

    /// <summary>The scheme documents of <c>schemes/</c> in publication order (S-1: effectiveFrom ascending).</summary>
    public IReadOnlyList<SchemeVersion> Schemes() =>
        [.. Directory.EnumerateFiles(Path.Combine(Folder, "schemes"), "*.json")
            .Select(f => Load<SchemeVersion>(Path.GetRelativePath(Folder, f)))
            .OrderBy(s => s.Code, StringComparer.Ordinal).ThenBy(s => s.EffectiveFrom)];

    public SchemeVersion Scheme(string file = "schemes/csu-base.json") => Load<SchemeVersion>(file);
    public TenantSeeds Tenants() => Load<TenantSeeds>("tenants.json");
    public IReadOnlyList<ProviderSeed> Providers() => Load<List<ProviderSeed>>("providers.json");
    public IReadOnlyList<CollectorSeed> Collectors() => Load<List<CollectorSeed>>("collectors.json");
    public UserSeeds Users() => Load<UserSeeds>("users.json");
    public LocalitySeeds Localities() => Load<LocalitySeeds>("localities.json");

    public IReadOnlyList<Icd10Code> Icd10()
    {
        using var reader = File.OpenText(Path.Combine(Folder, "icd10.csv"));
        return [.. Csv.Read(reader).Skip(1).Select(f => new Icd10Code(f[0].Trim(), f[1].Trim()))];
    }

    /// <summary>
    /// The set adjudication looks diagnoses up in (C-2 UNKNOWN_DIAGNOSIS). It holds each code with and
    /// without its dot, since providers send both "B50.9" and "B509".
    /// </summary>
    public IReadOnlySet<string> Icd10CodeSet() =>
        Icd10().SelectMany(c => new[] { c.Code, c.Code.Replace(".", "") }).ToHashSet(StringComparer.Ordinal);

    /// <summary>The sample collective-import file (E-10), for demos and the import's tests.</summary>
    public string HouseholdsSamplePath => Path.Combine(Folder, "households-sample.csv");

    T Load<T>(string file)
    {
        var path = Path.Combine(Folder, file);
        using var stream = File.OpenRead(path);
        try
        {
            return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
