using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Web.Enrolment.Privacy;

namespace MutualAdmin.Web.Tests.Enrolment;

/// <summary>E-4: two officers typing the same person differently still find each other.</summary>
public sealed class PersonHashesTests
{
    [Theory]
    [InlineData("  Awa   DIOP ", "awa diop")]
    [InlineData("Élodie  N'Diaye", "elodie n'diaye")]
    [InlineData("Thiès", "thies")]
    [InlineData("  ", "")]
    [InlineData("", "")]
    public void E_4_names_and_places_are_compared_without_case_accents_or_extra_spaces(string typed, string simplified) =>
        Assert.Equal(simplified, PersonHashes.Simplify(typed));

    [Fact]
    public void E_4_the_same_identity_typed_two_ways_has_one_fingerprint_and_another_person_another()
    {
        var hashes = new PersonHashes(new byte[32]);
        var birth = new DateOnly(1990, 4, 2);
        var print = hashes.Fingerprint("Awa Diop", birth, 1990, new Locality("Thiès", "Tivaouane", "Pambal"));
        Assert.Equal(print, hashes.Fingerprint(" AWA  diop", birth, 1990, new Locality("THIES", "tivaouane ", "Pambal")));
        Assert.NotEqual(print, hashes.Fingerprint("Awa Diop", birth.AddDays(1), 1990, new Locality("Thiès", "Tivaouane", "Pambal")));
    }

    /// <summary>
    /// The fingerprints already stored were made from the joined text; the HMAC is fed part by part,
    /// which must give the same bytes or every earlier registration stops being found.
    /// </summary>
    [Theory]
    [InlineData("Awa Diop", "1990-04-02", "Thiès", "Tivaouane", "Pambal")]
    [InlineData("  Élodie   N'DIAYE ", null, "Dakar", "Pikine", "Guédiawaye")]
    [InlineData("Ousmane Sow", null, "Kaolack", "Nioro du Rip", "Médina Sabakh")]
    public void E_4_a_fingerprint_is_the_keyed_hash_of_the_simplified_identity_joined_by_bars(
        string name, string? birthDate, string region, string district, string commune)
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var date = birthDate is null ? (DateOnly?)null : DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture);
        var joined = string.Join('|', "identity", PersonHashes.Simplify(name), birthDate ?? "1987",
            PersonHashes.Simplify(region), PersonHashes.Simplify(district), PersonHashes.Simplify(commune));
        Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(joined)),
            new PersonHashes(key).Fingerprint(name, date, 1987, new Locality(region, district, commune)));
    }
}
