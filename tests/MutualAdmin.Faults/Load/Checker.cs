using System.Globalization;
using System.Text.Json;

namespace MutualAdmin.Faults.Load;

/// <summary>
/// Compares what the clients were told with what the platform holds afterwards, through the API
/// (members by name, household, account, the beneficiary's claims), the Fund's event feed and the
/// `verify` verb. An acknowledged write found nowhere is lost; a write found twice is duplicated.
/// </summary>
public sealed class Checker(Staff staff, Session fund, Ledger ledger)
{
    public List<string> Findings { get; } = [];
    public int Lost { get; private set; }
    public int Duplicated { get; private set; }

    public async Task Check(Func<Task<(int Code, string Output)>> verify)
    {
        var feed = await Feed();
        foreach (var operation in ledger.Operations)
        {
            var found = operation.Kind switch
            {
                "register" => await Households(operation),
                "affiliate" => (await staff.Officer.Read($"/api/members/{operation.Mark}")).GetProperty("affiliations").GetArrayLength(),
                "pay" => await Receipts(operation, feed),
                "claim" => await Claims(operation, feed),
                _ => -1, // an approval changes a state; it creates nothing to count
            };
            if (found < 0) continue;
            if (found > 1)
            {
                Duplicated++;
                Findings.Add($"{operation.Kind} {operation.Mark}: present {found} times ({Describe(operation)})");
            }
            else if (found == 0 && operation.Acknowledged)
            {
                Lost++;
                Findings.Add($"{operation.Kind} {operation.Mark}: acknowledged but absent ({Describe(operation)})");
            }
        }
        // Every event once, in order: positions strictly rising, no CloudEvent id twice.
        for (var i = 1; i < feed.Count; i++)
            if (string.CompareOrdinal(feed[i].Position, feed[i - 1].Position) <= 0)
                Findings.Add($"feed out of order at {feed[i - 1].Position} → {feed[i].Position}");
        foreach (var twice in feed.GroupBy(e => e.Id).Where(g => g.Count() > 1))
        {
            Duplicated++;
            Findings.Add($"feed event {twice.Key} {twice.Count()} times");
        }
        var (code, output) = await verify();
        if (code != 0) Findings.Add($"verify exited {code}: {output[..Math.Min(output.Length, 2000)]}");
    }

    private static string Describe(Operation o) =>
        $"key {o.Key}, attempts: {string.Join(", ", o.Attempts.Select(a => a.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"))}";

    private async Task<int> Households(Operation operation)
    {
        var name = operation.Mark;
        var mark = name.Split(' ')[1];
        var page = await staff.Officer.Read($"/api/members?name={mark}&pageSize=100");
        var households = page.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("fullName").GetString() == name).Select(i => i.GetProperty("householdId").GetString()).Distinct().ToList();
        if (operation.Acknowledged && households.Count == 1 && households[0] != operation.Answer!.Value.GetProperty("householdId").GetString())
            Findings.Add($"register {name}: answered household {operation.Answer.Value.GetProperty("householdId")} but {households[0]} holds the name");
        return households.Count;
    }

    private async Task<int> Receipts(Operation operation, List<FeedEvent> feed)
    {
        var affiliation = operation.Path.Split('/')[3];
        var account = await staff.Cashier.Read($"/api/affiliations/{affiliation}/account");
        var inAccount = account.GetProperty("payments").EnumerateArray().Count(p => p.GetProperty("receipt").GetString() == operation.Mark);
        var inFeed = feed.Count(e => e.Type.EndsWith(".contribution.paid", StringComparison.Ordinal) && e.Data.GetProperty("receipt").GetString() == operation.Mark);
        if (inFeed != inAccount) Findings.Add($"pay {operation.Mark}: {inAccount} in the account, {inFeed} in the Fund feed");
        return Math.Max(inAccount, inFeed);
    }

    private async Task<int> Claims(Operation operation, List<FeedEvent> feed)
    {
        var number = JsonDocument.Parse(operation.Body).RootElement.GetProperty("beneficiaryNumber").GetString();
        var claims = (await staff.Claims.Read($"/api/beneficiaries/{number}/claims")).EnumerateArray()
            .Where(c => c.GetProperty("providerClaimReference").GetString() == operation.Mark).Select(c => c.GetProperty("claimId").GetString()).ToList();
        var inFeed = feed.Count(e => e.Type.EndsWith(".claim.decided", StringComparison.Ordinal) && claims.Contains(e.Data.GetProperty("claimId").GetString()));
        if (inFeed != claims.Count) Findings.Add($"claim {operation.Mark}: {claims.Count} registered, {inFeed} decided in the Fund feed");
        return Math.Max(claims.Count, inFeed);
    }

    public sealed record FeedEvent(string Id, string Type, string Position, JsonElement Data);

    /// <summary>The whole feed, read once it has caught up: the same length twice in a row, two seconds apart.</summary>
    public async Task<List<FeedEvent>> Feed()
    {
        var previous = -1;
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var events = new List<FeedEvent>();
            var after = "0";
            while (true)
            {
                var batch = await fund.Read($"/fund/v1/events?after={after}&limit=1000");
                if (batch.GetArrayLength() == 0) break;
                foreach (var e in batch.EnumerateArray())
                    events.Add(new FeedEvent(e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!, e.GetProperty("position").GetString()!, e.GetProperty("data").Clone()));
                after = events[^1].Position;
            }
            if (events.Count == previous || DateTime.UtcNow > until) return events;
            previous = events.Count;
            await Task.Delay(2000);
        }
    }
}
