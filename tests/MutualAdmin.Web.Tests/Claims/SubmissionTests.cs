using System.Net;
using MutualAdmin.Testing;

namespace MutualAdmin.Web.Tests.Claims;

/// <summary>C-1, C-2, C-4, C-11 through the host: a claim is adjudicated as it is submitted.</summary>
public sealed class SubmissionTests(TestCluster cluster) : ClaimsTest(cluster)
{
    [Fact]
    public async Task C_4_a_paper_claim_is_priced_line_by_line_under_the_version_in_force_on_the_service_date()
    {
        var awa = await CoveredBeneficiary();
        var day = ClaimsDay();
        // Consultation claimed above the tariff (2500 > 2000) at 80%; 40 tablets cut to 30 at 150 (below 200 claimed) at 70%;
        // the malaria test is not billable at a health centre.
        var claim = await Decided(await Submit(ClaimsOfficer, Claim("PAPER-1", awa, day.AddDays(-3),
            [Line("CONS-GEN", 1, 2500), Line("MED-AMOX", 40, 200), Line("LAB-MAL", 1, 1000)])));

        Assert.Equal(("partially-approved", "partially-approved"), (claim.GetProperty("status").GetString(), claim.GetProperty("outcome").GetString()));
        Assert.Equal([(null, 2000, 1600, 400), (null, 4500, 3150, 1350), ("LEVEL_NOT_ALLOWED", 0, 0, 0)], LinesOf(claim));
        Assert.Equal((2500 + 8000 + 1000, 6500L, 4750L, 1750L), (claim.GetProperty("claimed").GetInt64(), claim.GetProperty("eligible").GetInt64(),
            claim.GetProperty("benefit").GetInt64(), claim.GetProperty("coPayment").GetInt64()));
    }

    [Fact]
    public async Task C_11_a_provider_resubmitting_its_reference_gets_the_same_decision_and_one_claim_exists()
    {
        var awa = await CoveredBeneficiary("Binta Sarr");
        var day = ClaimsDay();
        var claim = Claim("HC-0001", awa, day.AddDays(-1), [Line("CONS-GEN", 1, 2000)], providerId: null);

        var first = await Send(Provider, claim);
        var again = await Send(Provider, claim);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var (a, b) = (await Json(first), await Json(again));
        Assert.Equal(a.GetProperty("claimId").GetGuid(), b.GetProperty("claimId").GetGuid());
        Assert.Equal(("approved", 1600L), (b.GetProperty("status").GetString(), b.GetProperty("benefit").GetInt64()));
        Assert.Equal(1, await Scalar($"select count(*) from events where event_type = 'claim-submitted' and data->'claim'->>'providerClaimReference' = 'HC-0001'"));

        var changed = await Send(Provider, Claim("HC-0001", awa, day.AddDays(-1), [Line("CONS-GEN", 1, 1500)], providerId: null));
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Equal("CLAIM_REFERENCE_REUSED", (await Json(changed)).GetProperty("code").GetString());

        // The provider reads its claim by its own reference; the other provider cannot see it.
        Assert.Equal(HttpStatusCode.OK, (await Provider.GetAsync("/provider/v1/claims/HC-0001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await OtherProvider.GetAsync("/provider/v1/claims/HC-0001")).StatusCode);
        // A provider cannot submit in another provider's name.
        var posing = await Send(Provider, Claim("HC-0002", awa, day.AddDays(-1), [Line("CONS-GEN", 1, 2000)], providerId: Hospital));
        Assert.Equal(HttpStatusCode.BadRequest, posing.StatusCode);
    }

    [Fact]
    public async Task C_3_unknown_tariff_and_diagnosis_codes_and_an_unknown_beneficiary_are_decisions_not_errors()
    {
        var awa = await CoveredBeneficiary("Coumba Faye");
        var day = ClaimsDay();

        var tariff = await Decided(await Submit(ClaimsOfficer, Claim("UNK-1", awa, day.AddDays(-2), [Line("CONS-GEN", 1, 2000), Line("XRAY-999", 1, 5000)])));
        Assert.Equal(["UNKNOWN_TARIFF"], LinesOf(tariff).Where(l => l.Code is not null).Select(l => l.Code));

        var diagnosis = await Decided(await Submit(ClaimsOfficer, Claim("UNK-2", awa, day.AddDays(-2), [Line("CONS-GEN", 1, 2000)], diagnosis: "Z99.99X")));
        Assert.Equal(("rejected", "UNKNOWN_DIAGNOSIS"), (diagnosis.GetProperty("status").GetString(), diagnosis.GetProperty("rejectionCode").GetString()));

        var badDigit = awa[..^1] + (char)('0' + (awa[^1] - '0' + 1) % 10);
        var nobody = await Decided(await Submit(ClaimsOfficer, Claim("UNK-3", badDigit, day.AddDays(-2), [Line("CONS-GEN", 1, 2000)])));
        Assert.Equal("BENEFICIARY_UNKNOWN", nobody.GetProperty("rejectionCode").GetString());
    }

    [Fact]
    public async Task C_2_a_claim_in_the_waiting_period_or_late_is_rejected_with_its_code()
    {
        var awa = await CoveredBeneficiary("Dieynaba Ba");
        var waiting = await Decided(await Submit(ClaimsOfficer, Claim("WAIT-1", awa, Today, [Line("CONS-GEN", 1, 2000)])));
        Assert.Equal("IN_WAITING_PERIOD", waiting.GetProperty("rejectionCode").GetString());

        var day = ClaimsDay();
        var late = await Decided(await Submit(ClaimsOfficer, Claim("LATE-1", awa, day.AddDays(-91), [Line("CONS-GEN", 1, 2000)])));
        Assert.Equal("LATE_SUBMISSION", late.GetProperty("rejectionCode").GetString());
        var future = await Decided(await Submit(ClaimsOfficer, Claim("LATE-2", awa, day.AddDays(1), [Line("CONS-GEN", 1, 2000)])));
        Assert.Equal("LATE_SUBMISSION", future.GetProperty("rejectionCode").GetString());
    }

    [Fact]
    public async Task C_1_malformed_claims_are_400_with_the_field_named_and_nothing_is_written()
    {
        var awa = await CoveredBeneficiary("Fatou Ndiaye");
        var day = ClaimsDay();
        var cases = new (object Claim, string Field)[]
        {
            (Claim("BAD-1", awa, day, []), "lines"),
            (Claim("BAD-2", awa, day, [Line("CONS-GEN", -1, 2000)]), "lines[0].quantity"),
            (Claim("BAD-3", awa, day, [Line("CONS-GEN", 1, 0)]), "lines[0].claimedUnitPrice"),
            (Claim("BAD-4", awa, day.AddDays(-5), [Line("CONS-GEN", 1, 2000)], visitType: "inpatient", providerId: Hospital, referral: "R-1",
                admission: day.AddDays(-5), discharge: day.AddDays(-7)), "dischargeDate"),
            (Claim("BAD-5", awa, day, [Line("CONS-GEN", 1, 2000)], visitType: "teleconsultation"), "visitType"),
            (Claim("BAD-6", awa, day, [Line("CONS-GEN", 1, 2000)], providerId: "hc-nowhere"), "providerId"),
        };
        foreach (var (claim, field) in cases)
        {
            var response = await Submit(ClaimsOfficer, claim);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(field, out _), $"{field}: {await response.Content.ReadAsStringAsync()}");
        }
        Assert.Equal(0, await Scalar("select count(*) from events where event_type like 'claim-%'"));
        Assert.Equal(0, await Scalar("select count(*) from claims_register"));
    }

    [Fact]
    public async Task Only_claims_officers_and_managers_enter_claims_and_a_cashier_cannot_read_them()
    {
        var awa = await CoveredBeneficiary("Khady Sow");
        var day = ClaimsDay();
        Assert.Equal(HttpStatusCode.Forbidden, (await Submit(Cashier, Claim("ROLE-1", awa, day, [Line("CONS-GEN", 1, 2000)]))).StatusCode);
        var claim = await Decided(await Submit(Manager, Claim("ROLE-2", awa, day, [Line("CONS-GEN", 1, 2000)])));
        Assert.Equal(HttpStatusCode.Forbidden, (await Cashier.GetAsync($"/api/claims/{claim.GetProperty("claimId").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Reviewer.GetAsync($"/api/claims/{claim.GetProperty("claimId").GetGuid()}")).StatusCode);
    }

    [Fact]
    public async Task C_1_a_claims_officer_looks_up_providers_icd_10_codes_and_the_tariffs_in_force()
    {
        var providers = (await Json(await ClaimsOfficer.GetAsync("/api/claims/lookups/providers"))).EnumerateArray().Select(p => p.GetProperty("id").GetString());
        Assert.Equal([HealthCentre, Hospital], providers); // by name
        var icd = (await Json(await ClaimsOfficer.GetAsync("/api/claims/lookups/icd10?q=append"))).EnumerateArray().Select(c => c.GetProperty("code").GetString());
        Assert.Equal(["K35.8"], icd);
        Assert.Equal(["J06.9"], (await Json(await ClaimsOfficer.GetAsync("/api/claims/lookups/icd10?q=J0"))).EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await ClaimsOfficer.GetAsync("/api/claims/lookups/icd10?q=")).StatusCode);
        // Today version 1 is in force; from day 60 version 2 adds the tariffs the claims tests use (S-2).
        var today = (await Json(await ClaimsOfficer.GetAsync("/api/claims/lookups/tariffs"))).EnumerateArray().Select(t => t.GetProperty("code").GetString());
        Assert.Equal(["CONS-GEN", "LAB-MAL"], today);
        var later = (await Json(await ClaimsOfficer.GetAsync($"/api/claims/lookups/tariffs?date={Today.AddDays(Later):yyyy-MM-dd}"))).EnumerateArray().Count();
        Assert.Equal(5, later);
    }
}
