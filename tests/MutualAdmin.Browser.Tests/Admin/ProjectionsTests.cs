using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Admin;

/// <summary>
/// A platform administrator sees the projections' dead letters and pauses and resumes a projection from
/// the page; a mutual's staff, its admin included, see them and no button (issue 22: the projections serve every mutual).
/// </summary>
public sealed class ProjectionsTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task A_platform_administrator_pauses_and_resumes_a_projection_and_sees_no_dead_letter_waiting()
    {
        await SignIn("root.admin@platform");
        await Test("nav-projections").ClickAsync();
        await Assertions.Expect(Test("no-dead-letters")).ToBeVisibleAsync();
        var row = Test("projection-member-register");

        await Test("pause-member-register").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("paused by an administrator");
        await Test("resume-member-register").ClickAsync();
        await Assertions.Expect(Test("pause-member-register")).ToBeVisibleAsync();
        await Assertions.Expect(row).Not.ToContainTextAsync("paused");
    }

    [Theory]
    [InlineData("khady.auditor")]
    [InlineData("modou.admin")]
    public async Task A_mutuals_auditor_or_admin_sees_the_projections_but_no_button_that_changes_them(string user)
    {
        await SignIn($"{user}@{Thies}");
        await Test("nav-projections").ClickAsync();
        await Assertions.Expect(Test("no-dead-letters")).ToBeVisibleAsync();
        await Assertions.Expect(Test("projection-member-register")).ToBeVisibleAsync();
        await Assertions.Expect(Test("pause-member-register")).ToHaveCountAsync(0);
        await Assertions.Expect(Test("nav-webhooks")).ToHaveCountAsync(0);
        await Assertions.Expect(Test("nav-api-clients")).ToHaveCountAsync(0);
    }
}
