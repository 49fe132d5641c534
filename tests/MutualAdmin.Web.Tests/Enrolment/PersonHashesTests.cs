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
}
