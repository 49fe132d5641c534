using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Claims;

/// <summary>C-8 medical review and C-9 four eyes, enforced by the server.</summary>
public sealed class ReviewTests(TestCluster cluster) : ClaimsTest(cluster)
{
    private async Task<JsonElement> Surgery(string reference, string name)
    {
        var beneficiary = await CoveredBeneficiary(name);
        var day = ClaimsDay();
        // 290,000 claimed: above the review threshold (100,000); 90% is 261,000, above the four-eyes threshold (250,000).
        return await Decided(await Submit(ClaimsOfficer, Claim(reference, beneficiary, day.AddDays(-2), [Line("SURG-APP", 1, 290000), Line("CONS-GEN", 1, 2000)],
            diagnosis: "K35.8")));
    }

    private static Task<HttpResponseMessage> Review(HttpClient client, Guid id, object review) => client.PostAsJsonAsync($"/api/claims/{id}/review", review);

    [Fact]
    public async Task C_8_a_claim_above_the_threshold_waits_for_review_and_the_reviewer_may_only_lower()
    {
        var claim = await Surgery("REV-1", "Awa Review");
        var id = claim.GetProperty("claimId").GetGuid();
        Assert.Equal("pending-review", claim.GetProperty("status").GetString());
        Assert.Equal(["above-review-threshold"], claim.GetProperty("reviewReasons").EnumerateArray().Select(r => r.GetString()));
        var queue = await Json(await Reviewer.GetAsync("/api/claims/queues/pending-review"));
        Assert.Contains(queue.GetProperty("claims").EnumerateArray(), c => c.GetProperty("claimId").GetGuid() == id);

        var raise = await Review(Reviewer, id, new { lines = new[] { new { lineNumber = 2, unitPrice = 2500 } }, justification = "more" });
        Assert.True(raise.StatusCode == HttpStatusCode.Conflict, await raise.Content.ReadAsStringAsync());
        Assert.Equal("ABOVE_AUTOMATIC_PRICING", (await Json(raise)).GetProperty("code").GetString());
        var silent = await Review(Reviewer, id, new { lines = new[] { new { lineNumber = 1, reject = true } }, justification = " " });
        Assert.Equal(HttpStatusCode.BadRequest, silent.StatusCode);
        Assert.True((await Json(silent)).GetProperty("errors").TryGetProperty("justification", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await Review(ClaimsOfficer, id, new { rejectClaim = true, justification = "no" })).StatusCode);

        // Lowered to 100,000: 90,000 benefit, under the four-eyes threshold, so decided at once.
        var reviewed = await Json(await Review(Reviewer, id, new { lines = new[] { new { lineNumber = 1, unitPrice = 100000 } }, justification = "tariff of the simple procedure" }));
        Assert.Equal(("partially-approved", 90000L + 1600L), (reviewed.GetProperty("status").GetString(), reviewed.GetProperty("benefit").GetInt64()));
        Assert.Equal(91600, await Scalar($"select benefit from claims_register where claim_id = '{id}'"));
        Assert.Equal(1, await Scalar($"select count(*) from events where event_type = 'claim-reviewed' and stream_id = 'claim-{id}' and data->>'justification' = 'tariff of the simple procedure'"));
    }

    [Fact]
    public async Task C_9_above_four_eyes_the_reviewer_cannot_give_the_second_approval_another_reviewer_can()
    {
        var claim = await Surgery("REV-2", "Binta Eyes");
        var id = claim.GetProperty("claimId").GetGuid();
        var reviewed = await Json(await Review(Reviewer, id, new { lines = new[] { new { lineNumber = 2, reject = true } }, justification = "consultation included in the procedure" }));
        Assert.Equal(("awaiting-second-approval", 261000L), (reviewed.GetProperty("status").GetString(), reviewed.GetProperty("benefit").GetInt64()));
        Assert.Contains((await Json(await Manager.GetAsync("/api/claims/queues/pending-second-approval"))).GetProperty("claims").EnumerateArray(),
            c => c.GetProperty("claimId").GetGuid() == id);

        var self = await Reviewer.PostAsync($"/api/claims/{id}/second-approval", null);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal("SAME_REVIEWER", (await Json(self)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await ClaimsOfficer.PostAsync($"/api/claims/{id}/second-approval", null)).StatusCode);

        var approved = await Json(await SecondReviewer.PostAsync($"/api/claims/{id}/second-approval", null));
        Assert.Equal(("partially-approved", 261000L), (approved.GetProperty("status").GetString(), approved.GetProperty("benefit").GetInt64()));
        Assert.Contains((await Json(await Manager.GetAsync($"/api/claims/queues/approved-unpaid?providerId={HealthCentre}"))).GetProperty("claims").EnumerateArray(),
            c => c.GetProperty("claimId").GetGuid() == id);
    }

    [Fact]
    public async Task C_8_a_reviewer_rejecting_the_claim_releases_its_reserved_benefit()
    {
        var claim = await Surgery("REV-3", "Coumba Release");
        var id = claim.GetProperty("claimId").GetGuid();
        var number = claim.GetProperty("beneficiaryNumber").GetString();
        Assert.Equal(261000 + 1600, await Scalar($"select sum(benefit) from claims_register where beneficiary_number = '{number}'"));

        var rejected = await Json(await Review(Reviewer, id, new { rejectClaim = true, justification = "no operative report" }));
        Assert.Equal(("rejected", "REVIEWER_REJECTED"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("rejectionCode").GetString()));
        Assert.Equal(0, await Scalar($"select sum(benefit) from claims_register where beneficiary_number = '{number}'"));
    }

    [Fact]
    public async Task A_2_a_claims_history_names_the_reviewer_and_the_justification_and_shows_the_claim_before_review()
    {
        var auditor = await SignedIn("auditor@thies"); // before the clock moves: a token from "later" is not valid yet
        var claim = await Surgery("REV-4", "Dieynaba History");
        var id = claim.GetProperty("claimId").GetGuid();
        (await Review(Reviewer, id, new { lines = new[] { new { lineNumber = 1, unitPrice = 100000 } }, justification = "simple procedure" })).EnsureSuccessStatusCode();

        var history = (await Json(await auditor.GetAsync($"/api/audit/claims/{id}/history"))).EnumerateArray().ToList();
        Assert.Equal(["claim-submitted", "claim-adjudicated", "claim-reviewed"], history.Select(h => h.GetProperty("type").GetString()));
        Assert.Equal(("review-claim", "simple procedure", "medical-reviewer"), (history[2].GetProperty("command").GetString(),
            history[2].GetProperty("reason").GetString(), history[2].GetProperty("role").GetString()));
        var before = await auditor.GetAsync($"/api/audit/claims/{id}?version=2");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains("261000", await before.Content.ReadAsStringAsync());
        Assert.DoesNotContain("261000", await (await auditor.GetAsync($"/api/audit/claims/{id}")).Content.ReadAsStringAsync());
    }
    [Fact]
    public async Task C_9_a_claim_awaiting_its_second_approval_has_no_outcome_yet_and_its_queue_is_named_by_its_status()
    {
        var claim = await Surgery("REV-5", "Fama Waiting");
        var id = claim.GetProperty("claimId").GetGuid();
        var reviewed = await Json(await Review(Reviewer, id, new { lines = new[] { new { lineNumber = 2, reject = true } }, justification = "consultation included" }));

        Assert.Equal("awaiting-second-approval", reviewed.GetProperty("status").GetString());
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (reviewed.GetProperty("outcome").ValueKind, reviewed.GetProperty("decidedOn").ValueKind));
        Assert.Equal(JsonValueKind.Null, (await Json(await Manager.GetAsync($"/api/claims/{id}"))).GetProperty("outcome").ValueKind);
        var queue = await Json(await Manager.GetAsync("/api/claims/queues/awaiting-second-approval"));
        Assert.Equal("awaiting-second-approval", queue.GetProperty("queue").GetString());
        var waiting = Assert.Single(queue.GetProperty("claims").EnumerateArray(), c => c.GetProperty("claimId").GetGuid() == id);
        Assert.Equal(("awaiting-second-approval", JsonValueKind.Null), (waiting.GetProperty("status").GetString(), waiting.GetProperty("outcome").ValueKind));

        var approved = await Json(await SecondReviewer.PostAsync($"/api/claims/{id}/second-approval", null));
        Assert.Equal(("partially-approved", "partially-approved"), (approved.GetProperty("status").GetString(), approved.GetProperty("outcome").GetString()));
        Assert.NotEqual(JsonValueKind.Null, approved.GetProperty("decidedOn").ValueKind);
        var unpaid = await Json(await Manager.GetAsync("/api/claims/queues/approved-unpaid"));
        Assert.Equal("partially-approved", Assert.Single(unpaid.GetProperty("claims").EnumerateArray(), c => c.GetProperty("claimId").GetGuid() == id)
            .GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task C_8_a_reviewer_confirms_a_claim_as_it_stands_without_restating_its_lines()
    {
        var claim = await Surgery("REV-6", "Mame Confirmed");
        var id = claim.GetProperty("claimId").GetGuid();

        var confirmed = await Review(Reviewer, id, new { justification = "operative report seen, pricing as adjudicated" });

        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var body = await Json(confirmed);
        // The automatic pricing stands: 261,000 + 1,600, above the four-eyes threshold, so it waits for the second approval.
        Assert.Equal(("awaiting-second-approval", 262600L), (body.GetProperty("status").GetString(), body.GetProperty("benefit").GetInt64()));
        Assert.Equal(claim.GetProperty("lines").ToString(), body.GetProperty("lines").ToString());
        Assert.Equal(1, await Scalar($"select count(*) from events where event_type = 'claim-reviewed' and stream_id = 'claim-{id}'"));
    }
}
