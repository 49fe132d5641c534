using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Shell;

/// <summary>An open page notices when the sign-in ends and sends the user to sign in again, saying why.</summary>
public sealed class SessionExpiryTests(ShortSessionHost host, Chromium chromium) : BrowserTest(host, chromium), IClassFixture<ShortSessionHost>
{
    [Fact]
    public async Task A_page_left_open_past_the_end_of_the_session_goes_back_to_sign_in_with_a_message()
    {
        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Test("nav-members").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/members$"));

        // Nothing is clicked: the page itself notices, within the session check after the session's end.
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/sign-in\\?expired=true$"),
            new() { Timeout = (float)(ShortSessionHost.Session + TimeSpan.FromSeconds(30)).TotalMilliseconds });
        await Assertions.Expect(Test("session-ended")).ToHaveTextAsync("Your session has ended. Please sign in again.");
        // The cookie has ended as well: a page asked for directly is not shown either.
        await Page.GotoAsync("/members");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/sign-in"));

        await SignIn($"fatou.enrolment-officer@{Thies}");
        await Assertions.Expect(Test("session-ended")).ToHaveCountAsync(0);
    }
}
