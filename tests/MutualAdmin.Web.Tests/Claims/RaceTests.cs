using System.Net;
using System.Net.Http.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Claims;

/// <summary>
/// The claim invariants two concurrent commands could break, raced through the host: the annual
/// ceiling (C-5) and a claim paid once (C-10).
/// </summary>
public sealed class RaceTests(TestCluster cluster) : ClaimsTest(cluster)
{
    [Fact]
    public async Task C_5_fifty_claims_of_one_beneficiary_adjudicated_at_once_never_approve_more_than_the_ceiling()
    {
        var awa = await CoveredBeneficiary("Awa Plafond");
        var day = ClaimsDay();
        var officers = new[] { ClaimsOfficer, Manager };
        // 50 ultrasounds of 20,000 at 70%: 14,000 each, 700,000 in all against a ceiling of 300,000.
        var claims = Enumerable.Range(0, 50).Select(i =>
            Submit(officers[i % 2], Claim($"CEIL-{i}", awa, day.AddDays(-(i % 60)), [Line("IMG-ECHO", 1, 20000)])));
        var responses = await Task.WhenAll(claims);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var decided = await Task.WhenAll(responses.Select(Json));
        var benefits = decided.Select(c => c.GetProperty("benefit").GetInt64()).ToList();
        Assert.Equal(300000, benefits.Sum());
        // 21 whole (294,000), one cut to the 6,000 left, the other 28 rejected CEILING_REACHED.
        Assert.Equal(21, benefits.Count(b => b == 14000));
        Assert.Equal(1, benefits.Count(b => b == 6000));
        Assert.Equal(28, decided.Count(c => c.GetProperty("lines")[0].GetProperty("rejectionCode").GetString() == "CEILING_REACHED"));
        Assert.Equal(300000, await Scalar($"select sum(benefit) from claims_register where beneficiary_number = '{awa}'"));

        var eligibility = await Json(await Fund.GetAsync($"/fund/v1/eligibility?beneficiary={awa}&date={day:yyyy-MM-dd}"));
        Assert.Equal(0, eligibility.GetProperty("ceilingRemaining").GetInt64());
    }

    [Fact]
    public async Task C_10_two_batches_prepared_at_once_for_one_provider_and_month_never_hold_the_same_claim()
    {
        for (var round = 0; round < 3; round++)
        {
            var beneficiary = await CoveredBeneficiary($"Binta Batch {round}");
            var day = ClaimsDay();
            for (var i = 0; i < 4; i++)
                (await Submit(ClaimsOfficer, Claim($"PAY-{round}-{i}", beneficiary, day.AddDays(-1 - 8 * i), [Line("CONS-GEN", 1, 2000)]))).EnsureSuccessStatusCode();

            var period = $"{day:yyyy-MM}";
            var prepared = await Task.WhenAll(
                ClaimsOfficer.PostAsJsonAsync("/api/payment-batches", new { providerId = HealthCentre, period }),
                Manager.PostAsJsonAsync("/api/payment-batches", new { providerId = HealthCentre, period }));

            // Eight days apart, so none is sent to review as frequent (C-8). One takes the four claims; the other finds nothing left to pay.
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], prepared.Select(r => r.StatusCode).Order());
            Assert.Equal("BATCH_EMPTY", (await Json(prepared.Single(r => r.StatusCode == HttpStatusCode.Conflict))).GetProperty("code").GetString());
            var batch = await Json(prepared.Single(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal((4, 6400L), (batch.GetProperty("claims").GetArrayLength(), batch.GetProperty("total").GetInt64()));
            Assert.Equal(0, await Scalar($"select count(*) from (select c.claim->>'claimId' from events e, jsonb_array_elements(e.data->'claims') c(claim) where e.event_type = 'payment-batch-prepared' group by 1 having count(*) > 1) twice"));

            // Paying twice at once: the claims are paid once.
            var id = batch.GetProperty("batchId").GetGuid();
            var paid = await Task.WhenAll(
                Manager.PostAsJsonAsync($"/api/payment-batches/{id}/payment", new { bankReference = $"BNK-{round}" }),
                Manager.PostAsJsonAsync($"/api/payment-batches/{id}/payment", new { bankReference = $"BNK-{round}" }));
            Assert.All(paid, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.Equal(4, await Scalar($"select count(*) from events where event_type = 'claim-paid' and data->>'batchId' = '{id}'"));
            Assert.Equal(4, await Scalar($"select count(*) from claims_register where batch_id = '{id}' and status = 'paid'"));
        }
    }
}
