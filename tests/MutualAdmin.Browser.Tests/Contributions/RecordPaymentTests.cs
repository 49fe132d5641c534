using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Contributions;

public sealed class RecordPaymentTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task A_cashier_records_the_first_payment_gets_a_receipt_and_the_affiliation_becomes_active()
    {
        var a = await Households.Affiliate(Host, "Khadija Faye");
        await SignIn($"awa.cashier@{Thies}");
        await Page.GotoAsync($"/members/{a.Household}");
        await Assertions.Expect(Test("affiliation-status")).ToHaveTextAsync("Pending");

        await Test("record-payment").ClickAsync();
        await Test("receipt").FillAsync("UI-0001");
        await Test("amount").FillAsync("7000");
        await Test("method").SelectOptionAsync("mobile-money");
        await Test("save-payment").ClickAsync();

        await Assertions.Expect(Test("receipt-number")).ToHaveTextAsync("UI-0001");
        await Assertions.Expect(Test("receipt-amount")).ToHaveTextAsync("7,000");
        await Assertions.Expect(Test("receipt-status")).ToHaveTextAsync("Active");
        await Assertions.Expect(Test("receipt-member")).ToHaveTextAsync("Khadija Faye");
        await Page.GotoAsync($"/members/{a.Household}");
        await Assertions.Expect(Test("affiliation-status")).ToHaveTextAsync("Active");
        await Assertions.Expect(Test("coverage-year")).ToHaveCountAsync(1);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Contribution account" }).ClickAsync();
        // The member pays half of 7,000 for a standard beneficiary (the subsidy pays the rest); the rest is credit.
        await Assertions.Expect(Test("member-paid")).ToHaveTextAsync("3,500");
        await Assertions.Expect(Test("account-member")).ToHaveTextAsync("Khadija Faye");
        await Assertions.Expect(Test("payments")).ToContainTextAsync("UI-0001");
        // The member lost the paper: a duplicate is printed from the account.
        await Test("reprint-UI-0001").ClickAsync();
        await Assertions.Expect(Test("receipt-duplicate")).ToBeVisibleAsync();
        await Assertions.Expect(Test("receipt-member")).ToHaveTextAsync("Khadija Faye");
        await Assertions.Expect(Test("receipt-amount")).ToHaveTextAsync("7,000");

        // Recorded in error: reversed with a reason (K-5), the member share is unpaid again.
        await Test("reverse-receipt").SelectOptionAsync("UI-0001");
        await Test("reverse-reason").FillAsync("typed against the wrong household");
        await Test("reverse").ClickAsync();
        await Assertions.Expect(Test("member-paid")).ToHaveTextAsync("0");
        await Assertions.Expect(Test("reversal")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_payment_page_names_the_member_and_the_amount_still_due_before_anything_is_typed()
    {
        var a = await Households.Affiliate(Host, "Seynabou Nommée");
        var account = await Households.Json(await (await Host.Api($"awa.cashier@{Thies}")).GetAsync($"/api/affiliations/{a.Affiliation}/account"));
        var due = account.GetProperty("instalments").EnumerateArray().Sum(i => i.GetProperty("outstanding").GetInt64());

        await SignIn($"awa.cashier@{Thies}");
        await Page.GotoAsync($"/affiliations/{a.Affiliation}/payment");

        // Issue 25, problem 7: the page named neither.
        await Assertions.Expect(Test("payment-for")).ToContainTextAsync("Seynabou Nommée");
        await Assertions.Expect(Test("payment-due")).ToHaveTextAsync(due.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public async Task A_refused_payment_shows_the_server_s_reason_next_to_each_field()
    {
        var a = await Households.Affiliate(Host, "Astou Gaye");
        await SignIn($"awa.cashier@{Thies}");
        await Page.GotoAsync($"/affiliations/{a.Affiliation}/payment");

        await Test("receipt").FillAsync("UI-0002");
        await Test("amount").FillAsync("-5");
        await Test("save-payment").ClickAsync();

        await Assertions.Expect(Test("error-amount")).ToHaveTextAsync("Enter an amount above zero.");
        await Assertions.Expect(Test("receipt-slip")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_cashier_prepares_last_month_s_statement_and_only_a_manager_submits_it()
    {
        await SignIn($"awa.cashier@{Thies}");
        await Test("nav-remittances").ClickAsync();
        await Assertions.Expect(Page.GetByText("No statement for this month yet.")).ToBeVisibleAsync();
        await Test("prepare").ClickAsync();
        await Assertions.Expect(Test("remittance-state")).ToHaveTextAsync("Prepared");
        await Assertions.Expect(Test("submit-remittance")).ToHaveCountAsync(0);

        await SignOut();
        await SignIn($"cheikh.manager@{Thies}");
        await Test("nav-remittances").ClickAsync();
        await Test("submit-remittance").ClickAsync();
        await Assertions.Expect(Test("remittance-state")).ToHaveTextAsync("Submitted");
    }

    [Fact]
    public async Task An_officer_requests_the_affiliation_a_manager_approves_it_and_takes_the_first_payment()
    {
        var household = await Households.Register(Host, "Aida Thiaw");
        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Page.GotoAsync($"/members/{household}");
        await Test("plan").SelectOptionAsync("quarterly");
        await Test("affiliate").ClickAsync();
        await Assertions.Expect(Test("affiliation-status")).ToHaveTextAsync("Pending");
        await Assertions.Expect(Test("approve")).ToHaveCountAsync(0);

        await SignOut();
        await SignIn($"cheikh.manager@{Thies}");
        await Page.GotoAsync($"/members/{household}");
        await Test("approve").ClickAsync();
        await Assertions.Expect(Test("done")).ToHaveTextAsync("Approved.");
        await Test("record-payment").ClickAsync();
        await Test("receipt").FillAsync("UI-0003");
        await Test("amount").FillAsync("875");
        await Test("save-payment").ClickAsync();
        await Assertions.Expect(Test("receipt-status")).ToHaveTextAsync("Active");
    }
}
