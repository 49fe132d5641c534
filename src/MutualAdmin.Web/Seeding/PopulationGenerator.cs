using MutualAdmin.Domain.Enrolment;

namespace MutualAdmin.Web.Seeding;

/// <summary>
/// A synthetic population for demos, load tests and benchmarks. Deterministic: the same seed, count
/// and date give the same households, so a failing load test can be replayed. Lazy: households are
/// drawn one at a time as they are enumerated, so a million of them never sit in memory together.
/// No I/O; the caller decides where the households go (<see cref="WriteCsv"/> for the E-10 import file).
/// </summary>
public sealed class PopulationGenerator(IReadOnlyList<Locality> localities)
{
    public static PopulationGenerator FromSeeds(SeedFiles seeds) => new(seeds.Localities().Communes());

    /// <param name="households">how many households to draw</param>
    /// <param name="seed">the random seed; it also appears in the household references</param>
    /// <param name="asOf">the date on which ages are what the generator intends (E-3 limits hold on it)</param>
    public IEnumerable<GeneratedHousehold> Generate(int households, int seed, DateOnly asOf)
    {
        // Checked here, not inside the iterator, so a bad call fails where it is made.
        ArgumentOutOfRangeException.ThrowIfNegative(households);
        if (localities.Count == 0) throw new InvalidOperationException("the generator needs at least one locality");
        return Draw(households, seed, asOf);
    }

    /// <summary>The households as the collective-import CSV of <paramref name="collectorRef"/> (columns: <see cref="HouseholdCsv.Columns"/>).</summary>
    public static void WriteCsv(TextWriter writer, IEnumerable<GeneratedHousehold> households, string collectorRef) =>
        HouseholdCsv.Write(writer, households, collectorRef);

    IEnumerable<GeneratedHousehold> Draw(int households, int seed, DateOnly asOf)
    {
        var random = new Random(seed);
        var identities = new SyntheticIdentities(seed);
        for (var i = 1; i <= households; i++)
        {
            var locality = localities[random.Next(localities.Count)];
            yield return new HouseholdDraft(random, identities, asOf, $"H{seed}-{i:D7}").Draw(locality);
        }
    }
}
