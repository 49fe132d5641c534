using System.Net.Http.Json;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Claims;

/// <summary>
/// A paper claim from entry to its second approval in the browser (C-8, C-9): a claims officer enters
/// it, the medical reviewer lowers it and may not approve it himself, a manager gives the second approval.
/// </summary>
public sealed class ClaimReviewTests(NoWaitingHost host, Chromium chromium) : BrowserTest(host, chromium), IClassFixture<NoWaitingHost>
{
    [Fact]
    public async Task A_claim_entered_on_paper_is_reviewed_and_approved_by_a_second_person()
    {
        var number = await CoveredBeneficiary("Ndeye Thiam");

        await SignIn($"ibrahima.claims-officer@{Thies}");
        await Test("nav-claim-entry").ClickAsync();
        await Test("provider").SelectOptionAsync("hr-thies");
        await Test("reference").FillAsync("HRT-2026-0042");
        await Test("beneficiary").FillAsync(number);
        await Test("visit-type").SelectOptionAsync("emergency");
        await Test("diagnosis").FillAsync("K35.8");
        await Test("tariff-0").FillAsync("HOSP-ICU");
        await Test("quantity-0").FillAsync("10");
        await Test("price-0").FillAsync("40000");
        await Test("submit-claim").ClickAsync();

        // 400,000 claimed is above the review threshold; 90% of it is cut to the 300,000 ceiling.
        await Assertions.Expect(Test("claim-status")).ToHaveTextAsync("Pending review");
        await Assertions.Expect(Test("claim-benefit")).ToHaveTextAsync("300,000");
        await Assertions.Expect(Test("review-reasons")).ToContainTextAsync("above-review-threshold");
        await SignOut();

        await SignIn($"aminata.medical-reviewer@{Thies}");
        await Test("nav-claims").ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "HRT-2026-0042" }).ClickAsync();
        await Test("review-quantity-1").FillAsync("8");
        await Test("justification").FillAsync("eight days in intensive care per the discharge summary");
        await Test("save-review").ClickAsync();
        // 8 × 40,000 at 90% = 288,000: above the four-eyes threshold (250,000).
        await Assertions.Expect(Test("claim-status")).ToHaveTextAsync("Awaiting second approval");
        await Assertions.Expect(Test("claim-benefit")).ToHaveTextAsync("288,000");
        // C-9: the reviewer is not offered the second approval (the API refuses it too: Web tests).
        await Assertions.Expect(Test("second-approval")).ToHaveCountAsync(0);
        await SignOut();

        await SignIn($"cheikh.manager@{Thies}");
        await Page.GotoAsync("/claims/queues/awaiting-second-approval");
        await Page.GetByRole(AriaRole.Link, new() { Name = "HRT-2026-0042" }).ClickAsync();
        await Test("second-approval").ClickAsync();
        await Assertions.Expect(Test("claim-status")).ToHaveTextAsync("Partially approved");
        await Assertions.Expect(Test("claim-benefit")).ToHaveTextAsync("288,000");
        await Assertions.Expect(Test("second-approval")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_claim_approved_by_someone_else_meanwhile_shows_its_new_state_and_no_approval_button()
    {
        var number = await CoveredBeneficiary("Khady Faye", "CLAIM-UI-2");
        var claim = await Households.Json(await (await Host.Api($"ibrahima.claims-officer@{Thies}")).PostAsJsonAsync("/api/claims", new
        {
            providerId = "hr-thies", providerClaimReference = "HRT-2026-0077", visitType = "emergency", mainDiagnosis = "K35.8",
            beneficiaryNumber = number, serviceDate = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            lines = new[] { new { tariffCode = "HOSP-ICU", quantity = 9, claimedUnitPrice = 40000 } },
        }));
        var id = claim.GetProperty("claimId").GetGuid();
        // 360,000 claimed is reviewed and lowered to 8 × 40,000 at 90% = 288,000: a second approval is needed (C-9).
        (await (await Host.Api($"aminata.medical-reviewer@{Thies}")).PostAsJsonAsync($"/api/claims/{id}/review", new
        {
            lines = new[] { new { lineNumber = 1, quantity = 8 } }, justification = "as on the discharge summary",
        })).EnsureSuccessStatusCode();

        await SignIn($"cheikh.manager@{Thies}");
        await Page.GotoAsync($"/claims/{id}");
        await Assertions.Expect(Test("claim-status")).ToHaveTextAsync("Awaiting second approval");
        // Another manager gives the second approval while this page is open.
        await Households.Json(await (await Host.Api($"modou.admin@{Thies}")).PostAsJsonAsync("/api/admin/users", new
        {
            username = $"rokhaya.manager@{Thies}", displayName = "Rokhaya Ba", password = Host.Password, roles = new[] { "manager" },
        }));
        (await (await Host.Api($"rokhaya.manager@{Thies}")).PostAsync($"/api/claims/{id}/second-approval", null)).EnsureSuccessStatusCode();

        await Test("second-approval").ClickAsync();
        await Assertions.Expect(Test("problem")).ToContainTextAsync("no longer waits for a second approval");
        await Assertions.Expect(Test("claim-status")).ToHaveTextAsync("Partially approved");
        await Assertions.Expect(Test("second-approval")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_review_refused_for_its_missing_justification_keeps_the_reviewer_s_figures_and_says_why_in_words()
    {
        var number = await CoveredBeneficiary("Sokhna Mbaye", "CLAIM-UI-3");
        var claim = await Households.Json(await (await Host.Api($"ibrahima.claims-officer@{Thies}")).PostAsJsonAsync("/api/claims", new
        {
            providerId = "hr-thies", providerClaimReference = "HRT-2026-0091", visitType = "emergency", mainDiagnosis = "K35.8",
            beneficiaryNumber = number, serviceDate = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            lines = new[] { new { tariffCode = "HOSP-ICU", quantity = 9, claimedUnitPrice = 40000 } },
        }));

        await SignIn($"aminata.medical-reviewer@{Thies}");
        await Page.GotoAsync($"/claims/{claim.GetProperty("claimId").GetGuid()}");
        await Test("review-quantity-1").FillAsync("8");
        await Test("save-review").ClickAsync();

        // Issue 25, problem 5: the quantity went back to 9 here, and the reason read "C-8 JUSTIFICATION_REQUIRED".
        await Assertions.Expect(Test("error-justification")).ToHaveTextAsync("State why the claim is changed.");
        await Assertions.Expect(Test("review-quantity-1")).ToHaveValueAsync("8");
        await Assertions.Expect(Page.Locator("main")).Not.ToContainTextAsync("JUSTIFICATION_REQUIRED");
        await Test("justification").FillAsync("eight days in intensive care per the discharge summary");
        await Test("save-review").ClickAsync();
        await Assertions.Expect(Test("claim-status")).ToHaveTextAsync("Awaiting second approval");
        await Assertions.Expect(Test("claim-benefit")).ToHaveTextAsync("288,000");
    }

    [Fact]
    public async Task Choosing_a_tariff_fills_its_unit_price()
    {
        var officer = await Host.Api($"ibrahima.claims-officer@{Thies}");
        var tariffs = await Households.Json(await officer.GetAsync($"/api/claims/lookups/tariffs?date={DateTime.UtcNow:yyyy-MM-dd}"));
        var icu = tariffs.EnumerateArray().First(t => t.GetProperty("code").GetString() == "HOSP-ICU").GetProperty("maxUnitPrice").GetInt64();

        await SignIn($"ibrahima.claims-officer@{Thies}");
        await Test("nav-claim-entry").ClickAsync();
        await Test("tariff-0").FillAsync("HOSP-ICU");
        await Test("tariff-0").PressAsync("Tab");

        await Assertions.Expect(Test("price-0")).ToHaveValueAsync(icu.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A household of one, affiliated and paid for the year today: covered today on this host.</summary>
    private async Task<string> CoveredBeneficiary(string name, string receipt = "CLAIM-UI-1")
    {
        var officer = await Host.Api($"fatou.enrolment-officer@{Thies}");
        var registered = await Households.Json(await officer.PostAsJsonAsync("/api/members", new
        {
            member = new { fullName = name, sex = "F", birthDate = "1979-07-21", subsidyCategory = "standard" },
            locality = new { region = "Thiès", district = "Mbour", commune = "Joal-Fadiouth" },
            occupationCategory = "fishing",
            confirmedNotDuplicate = true,
        }));
        var household = registered.GetProperty("householdId").GetGuid();
        var affiliation = (await Households.Json(await officer.PostAsJsonAsync($"/api/members/{household}/affiliations",
            new { channel = "individual", paymentPlan = "annual" }))).GetProperty("affiliationId").GetGuid();
        (await (await Host.Api($"cheikh.manager@{Thies}")).PostAsync($"/api/affiliations/{affiliation}/approval", null)).EnsureSuccessStatusCode();
        (await (await Host.Api($"awa.cashier@{Thies}")).PostAsJsonAsync($"/api/affiliations/{affiliation}/payments",
            new { receipt, amount = 3500, method = "cash" })).EnsureSuccessStatusCode();
        return registered.GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString()!;
    }
}
