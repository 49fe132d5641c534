using Microsoft.Playwright;
using static MutualAdmin.Browser.Tests.UiHost;

namespace MutualAdmin.Browser.Tests.Admin;

/// <summary>An administrator sees the projections' dead letters and pauses and resumes a projection from the page.</summary>
public sealed class ProjectionsTests(UiHost host, Chromium chromium) : UiTest(host, chromium)
{
    [Fact]
    public async Task An_administrator_pauses_and_resumes_a_projection_and_sees_no_dead_letter_waiting()
    {
        await SignIn($"modou.admin@{Thies}");
        await Test("nav-projections").ClickAsync();
        await Assertions.Expect(Test("no-dead-letters")).ToBeVisibleAsync();
        var row = Test("projection-member-register");

        await Test("pause-member-register").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("paused by an administrator");
        await Test("resume-member-register").ClickAsync();
        await Assertions.Expect(Test("pause-member-register")).ToBeVisibleAsync();
        await Assertions.Expect(row).Not.ToContainTextAsync("paused");
    }

    [Fact]
    public async Task An_auditor_sees_the_projections_but_no_button_that_changes_them()
    {
        await SignIn($"khady.auditor@{Thies}");
        await Test("nav-projections").ClickAsync();
        await Assertions.Expect(Test("no-dead-letters")).ToBeVisibleAsync();
        await Assertions.Expect(Test("pause-member-register")).ToHaveCountAsync(0);
    }
}
