using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Enrolment;

/// <summary>
/// The household form names every wrong field at once, beside it, in words and not rule codes, keeps
/// what was typed, and shows impossible data (a birth in the future) as a field error (issue 25, problems 1 and 4).
/// </summary>
public sealed partial class FormErrorsTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task An_empty_household_names_every_missing_field_at_once_in_words_and_keeps_what_was_typed()
    {
        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Test("nav-register").ClickAsync();
        await Test("member-phone").FillAsync("77 123 45 67");
        await Test("register").ClickAsync();

        foreach (var field in new[] { "member\\.fullName", "member\\.sex", "member\\.birthDate", "locality\\.region", "locality\\.commune", "occupationCategory" })
            await Assertions.Expect(Test($"error-{field}")).ToHaveTextAsync("Required.");
        await Assertions.Expect(Test("member-phone")).ToHaveValueAsync("77 123 45 67");
        await Assertions.Expect(Page.Locator("main")).Not.ToHaveTextAsync(RuleCode(), new() { UseInnerText = true });
    }

    [Fact]
    public async Task A_member_born_in_the_future_is_refused_beside_the_birth_date_in_words()
    {
        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Test("nav-register").ClickAsync();
        await Test("member-fullName").FillAsync("Aby Future");
        await Test("member-sex").SelectOptionAsync("F");
        await Test("member-birthDate").FillAsync(DateTime.UtcNow.AddYears(5).ToString("yyyy-MM-dd"));
        await Test("locality-region").FillAsync("Thiès");
        await Test("locality-district").FillAsync("Mbour");
        await Test("locality-commune").FillAsync("Joal-Fadiouth");
        await Test("occupation").SelectOptionAsync("fishing");
        await Test("register").ClickAsync();

        await Assertions.Expect(Test("error-member\\.birthDate")).ToContainTextAsync("cannot be in the future");
        await Assertions.Expect(Page.Locator("main")).Not.ToHaveTextAsync(RuleCode(), new() { UseInnerText = true });
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/members/new$"));
        await Assertions.Expect(Test("member-fullName")).ToHaveValueAsync("Aby Future");
    }

    /// <summary>A rule id with its code as the API writes them ("E-1 REQUIRED"), which no page shows in its message.</summary>
    [GeneratedRegex(@"\b[A-Z]{1,2}-\d+ [A-Z_]{4,}")]
    internal static partial Regex RuleCode();
}
