using System.Security.Cryptography;
using System.Text;
using MutualAdmin.Domain.Claims;

namespace MutualAdmin.Domain.Tests.Claims;

public class SampleTests
{
    // The rule's own words, computed another way: hex text, first 8 digits, parsed base 16.
    static bool ByTheBook(Guid id, int percent) =>
        Convert.ToUInt32(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id.ToString().ToLowerInvariant())))[..8], 16) % 100 < percent;

    [Fact]
    public void C_8_the_random_sample_is_the_sha256_of_the_claim_id_modulo_100()
    {
        var ids = Enumerable.Range(0, 4000).Select(i => StableId.From("claim", i.ToString())).ToList();
        Assert.All(ids, id => Assert.Equal(ByTheBook(id, 5), Adjudication.IsSampled(id, 5)));
        var share = ids.Count(id => Adjudication.IsSampled(id, 5)) / (double)ids.Count;
        Assert.InRange(share, 0.035, 0.065);
    }

    [Fact]
    public void C_8_a_sampled_claim_goes_to_review_on_every_replay()
    {
        var id = Enumerable.Range(0, 1000).Select(i => StableId.From("claim", i.ToString())).First(g => Adjudication.IsSampled(g, 5));
        var facts = Claims.Facts(scheme: DemoScheme.CsuBase);
        var first = Adjudication.Adjudicate(Claims.Claim() with { ClaimId = id }, facts);
        Assert.Equal([ReviewReason.RandomSample], first.ReviewReasons);
        Assert.Equal(first.ReviewReasons, Adjudication.Adjudicate(Claims.Claim() with { ClaimId = id }, facts).ReviewReasons);
    }
}
