using MutualAdmin.Faults.Load;
using Xunit;

namespace MutualAdmin.Faults.Cases;

/// <summary>The checker can fail: a write made twice under two keys is counted duplicated, and a write told acknowledged that never happened, lost.</summary>
[Collection(SharedPlatform.Name)]
public sealed class CheckerTests(StageFixture fixture)
{
    [Fact]
    public async Task A_household_registered_twice_is_duplicated_and_one_never_written_is_lost()
    {
        var (staff, fund) = await fixture.Stage.SignIn();
        var ledger = new Ledger();
        var mark = Workload.Letters(Random.Shared.Next(26 * 26 * 26 * 26, int.MaxValue / 2));
        var name = $"Awa {mark} Twice";
        object Household(string n) => new
        {
            member = new { fullName = n, sex = "F", birthDate = "1980-01-01", subsidyCategory = "standard" },
            locality = new { region = "Thiès", district = "Mbour", commune = "Mbour" },
            occupationCategory = "trade",
            confirmedNotDuplicate = true,
        };
        // A client that lost its key sends the same household under a new one: the platform cannot know.
        var first = ledger.Begin("register", "/api/members", Household(name), name);
        Assert.NotNull(await Workload.Send(staff.Officer, first, DateTime.UtcNow.AddMinutes(1)));
        Assert.NotNull(await Workload.Send(staff.Officer, new Operation("register", Guid.NewGuid().ToString("N"), first.Path, first.Body), DateTime.UtcNow.AddMinutes(1)));
        // A record of an acknowledgement for a household that was never sent.
        var never = ledger.Begin("register", "/api/members", Household($"Awa {mark}x Never"), $"Awa {mark}x Never");
        never.Attempts.Add(new Attempt(DateTime.UtcNow, 1, 201, null, null, null));

        var checker = new Checker(staff, fund, ledger);
        await checker.Check(() => Task.FromResult((0, "")));

        Assert.Equal(1, checker.Duplicated);
        Assert.Equal(1, checker.Lost);
    }
}
