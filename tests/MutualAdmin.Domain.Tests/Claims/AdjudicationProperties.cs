using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Domain.Schemes;

namespace MutualAdmin.Domain.Tests.Claims;

/// <summary>
/// Properties of C-4/C-5 over many generated claims. A seeded generator, so that a failure
/// reproduces; the seed and the run are in the assertion message.
/// </summary>
public class AdjudicationProperties
{
    const int Seed = 20260610, Runs = 2000;
    static readonly string[] Codes = [.. DemoScheme.CsuBase.Tariffs.Select(t => t.Code), "DENT-01"];
    static readonly string[] Levels = [.. ProviderLevel.All];

    static ClaimSubmission RandomClaim(Random random, int run)
    {
        var lines = Enumerable.Range(0, random.Next(1, 6))
            .Select(_ => new ClaimLine(Codes[random.Next(Codes.Length)], random.Next(1, 40), random.NextInt64(0, 200_000))).ToArray();
        var serviceDate = new DateOnly(2026, 1, 1).AddDays(random.Next(0, 365));
        return Claims.Claim(lines) with
        {
            ClaimId = StableId.From("property", run.ToString()), ProviderLevel = Levels[random.Next(Levels.Length)],
            ReferralReference = "REF", ServiceDate = serviceDate, SubmittedOn = serviceDate.AddDays(random.Next(0, 90)),
        };
    }

    static AdjudicationFacts RandomFacts(Random random, long used) =>
        Claims.Facts(used: used) with
        {
            Patient = new(random.Next(2) == 0 ? "F" : "M", new DateOnly(1940, 1, 1).AddDays(random.Next(0, 30000)), BeneficiaryState.Covered),
        };

    [Fact]
    public void C_4_benefit_plus_co_payment_is_eligible_and_eligible_never_exceeds_claimed()
    {
        var random = new Random(Seed);
        for (var run = 0; run < Runs; run++)
        {
            var result = Adjudication.Adjudicate(RandomClaim(random, run), RandomFacts(random, random.NextInt64(0, 320_000)));
            foreach (var line in result.Lines)
            {
                Assert.True(line.Benefit + line.CoPayment == line.Eligible, $"seed {Seed} run {run} line {line}");
                Assert.True(line.Eligible <= line.Claimed && line.Benefit >= 0 && line.CoPayment >= 0, $"seed {Seed} run {run} line {line}");
            }
        }
    }

    [Fact]
    public void C_5_benefit_used_in_a_year_never_exceeds_the_ceiling()
    {
        var random = new Random(Seed + 1);
        for (var year = 0; year < 100; year++)
        {
            long used = 0;
            for (var claim = 0; claim < 40; claim++)
            {
                var result = Adjudication.Adjudicate(RandomClaim(random, year * 100 + claim), RandomFacts(random, used));
                used += result.Benefit;
                Assert.True(used <= DemoScheme.CsuBase.AnnualCeilingPerBeneficiary, $"seed {Seed + 1} year {year} claim {claim}: {used}");
            }
        }
    }

    [Fact]
    public void C_8_a_review_never_raises_the_automatic_benefit()
    {
        var random = new Random(Seed + 2);
        for (var run = 0; run < Runs; run++)
        {
            var claim = RandomClaim(random, run);
            var facts = RandomFacts(random, random.NextInt64(0, 300_000)) with { Scheme = Claims.Scheme with { ReviewThreshold = 0 } };
            var submitted = ClaimDecider.Decide(new SubmitClaim(claim, facts), Claim.Initial);
            if (submitted.Aggregate(Claim.Initial, Claim.Evolve) is not Claim.PendingReview pending) continue;
            var reviews = pending.AutomaticLines.Where(l => l.RejectionCode is null && random.Next(2) == 0)
                .Select(l => new LineReview(l.LineNumber, random.Next(0, l.ApprovedQuantity + 1), random.NextInt64(0, l.ApprovedUnitPrice + 1))).ToList();
            var reviewed = (ClaimReviewed)ClaimDecider.Decide(new ReviewClaim(claim.ClaimId, Guid.NewGuid(), StaffRole.MedicalReviewer,
                reviews, false, "checked", 250_000, DateTimeOffset.UnixEpoch), pending).Single();
            Assert.True(reviewed.Benefit <= pending.AutomaticLines.Sum(l => l.Benefit), $"seed {Seed + 2} run {run}");
            Assert.All(reviewed.Lines, l => Assert.Equal(l.Eligible, l.Benefit + l.CoPayment));
        }
    }
}
