using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Web.Seeding;

/// <summary>
/// National ID numbers and social-registry references for synthetic people. E-4 refuses a national ID
/// registered twice, so these must never repeat: each is a counter pushed through a bijection
/// (times a number prime to 10, plus a shift taken from the seed, modulo a power of ten), which looks
/// random but cannot collide within one generation. Two generations with different seeds may overlap;
/// load one seed per set of tenants.
/// </summary>
sealed class SyntheticIdentities(int seed)
{
    const long NationalIdSpace = 1_000_000_000_000, RegistrySpace = 1_000_000_000;
    long nationalIds, registries;

    /// <summary>13 digits, the first 1 for a man and 2 for a woman, like the Senegalese identity card.</summary>
    public string NationalId(string sex) =>
        $"{(sex == Sex.Female ? 2 : 1)}{Scramble(++nationalIds, 618_033_988_749, NationalIdSpace):D12}";

    /// <summary>A household's entry in the national social registry (S-4: indigent beneficiaries).</summary>
    public string RegistryHousehold() => $"RNU-{Scramble(++registries, 618_033_989, RegistrySpace):D9}";

    // 128-bit product: a large multiplier spreads consecutive counters over the whole space.
    long Scramble(long counter, long multiplier, long space) =>
        (long)(((UInt128)counter * (ulong)multiplier + Offset(space)) % (ulong)space);

    ulong Offset(long space) => (uint)seed * 2_654_435_761UL % (ulong)space;
}
