using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck.Fluent;
using MutualAdmin.Faults.Load;
using Xunit;

namespace MutualAdmin.Faults.Cases;

/// <summary>
/// Issue 26, case 7: FsCheck-generated bad bodies for every POST and PUT endpoint with a JSON body
/// in the host's OpenAPI document, sent as a caller the endpoint admits. Never a 5xx, never a 2xx,
/// never a write (the Fund feed and the member count unchanged), always problem details, and for a
/// spoiled property an `errors` naming a field.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class BadInputTests(StageFixture fixture)
{
    /// <summary>Sign-in and token endpoints are rate-limited by design (429), and a password change could lock the user out.</summary>
    private static readonly string[] Skipped = ["/api/auth/", "/fund/v1/token", "/provider/v1/token", "/api/me/password"];

    [Fact]
    public async Task Bad_bodies_at_volume_are_refused_with_problem_details_and_write_nothing()
    {
        var stage = fixture.Stage;
        var (staff, fund) = await stage.SignIn();
        Session[] callers =
        [
            staff.Officer, staff.Manager, staff.Cashier, staff.Claims,
            await Session.Staff(stage.Host.Address, "aminata.medical-reviewer@mutuelle-thies"),
            await Session.Staff(stage.Host.Address, "modou.admin@mutuelle-thies"),
            await Session.Staff(stage.Host.Address, "root.admin@platform"),
            fund,
        ];
        var ids = await Resources(staff);
        using var anonymous = new HttpClient { BaseAddress = stage.Host.Address };
        var openApi = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var components = openApi["components"]?["schemas"] as JsonObject ?? [];

        var checker = new Checker(staff, fund, new Ledger());
        var feedBefore = (await checker.Feed()).Count;
        var membersBefore = (await staff.Officer.Read("/api/members?pageSize=1")).GetProperty("total").GetInt32();

        var perEndpoint = Scale.Full ? 300 : 25;
        var statuses = new Dictionary<int, int>();
        var findings = new List<string>();
        var skipped = new List<string>();
        int sent = 0, endpoints = 0, spoiledFields = 0, namedTheField = 0;
        foreach (var (template, item) in openApi["paths"]!.AsObject())
            foreach (var method in new[] { "post", "put" })
            {
                if (item?[method] is not JsonObject operation) continue;
                var label = $"{method.ToUpperInvariant()} {template}";
                if (operation["requestBody"]?["content"]?["application/json"] is not JsonObject content || Skipped.Any(template.StartsWith))
                {
                    skipped.Add(label);
                    continue;
                }
                var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", m => ids(template, m.Groups[1].Value));
                var caller = await Admitted(callers, new HttpMethod(method.ToUpperInvariant()), path);
                if (caller is null)
                {
                    skipped.Add($"{label} (no caller admitted)");
                    continue;
                }
                endpoints++;
                foreach (var body in BadBodies.For(content["schema"] as JsonObject, components).Sample(perEndpoint, perEndpoint))
                {
                    var (status, problem) = await Send(caller, new HttpMethod(method.ToUpperInvariant()), path, body.Bytes);
                    sent++;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    var what = $"{label} with {body.What}{(body.Field is null ? "" : $" in {body.Field}")}";
                    if (status >= 500) findings.Add($"{what}: {status} {problem?.ToJsonString()[..Math.Min(300, problem.ToJsonString().Length)]}");
                    else if (status < 300) findings.Add($"{what}: accepted ({status})");
                    else if (status == 400)
                    {
                        if (problem is null) { findings.Add($"{what}: 400 without problem details"); continue; }
                        if (body.Field is null) continue;
                        spoiledFields++;
                        var errors = problem["errors"] as JsonObject;
                        if (errors is null || errors.Count == 0) findings.Add($"{what}: 400 naming no field ({problem["detail"]})");
                        else if (errors.Any(e => Names(e.Key, body.Field))) namedTheField++;
                    }
                }
            }

        await Task.Delay(TimeSpan.FromSeconds(3)); // let the feed's projection catch up with anything written
        var feedAfter = (await checker.Feed()).Count;
        var membersAfter = (await staff.Officer.Read("/api/members?pageSize=1")).GetProperty("total").GetInt32();
        if (feedAfter != feedBefore) findings.Add($"the Fund feed grew from {feedBefore} to {feedAfter} events");
        if (membersAfter != membersBefore) findings.Add($"members went from {membersBefore} to {membersAfter}");

        new Figures("7 bad input (FsCheck)", sent, sent, statuses.Where(s => s.Key < 300).Sum(s => s.Value), 0, 0, 0, null, null,
            string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}")),
            $"{endpoints} endpoints × {perEndpoint} bodies; spoiled-field 400s naming that field: {namedTheField}/{spoiledFields}; " +
            $"findings {findings.Count}; not sent: {string.Join(", ", skipped)}").Record();
        foreach (var f in findings.Take(60)) TestContext.Current.TestOutputHelper?.WriteLine(f);
        Assert.True(findings.Count == 0, string.Join("\n", findings.Distinct().Take(40)));
    }

    /// <summary>Whether the problem's error key is the spoiled property's path (or its last part, or its parent for a whole-body error).</summary>
    private static bool Names(string key, string field)
    {
        static string Norm(string s) => s.Replace("$.", "").Replace("[0]", "").ToLowerInvariant();
        var k = Norm(key);
        var f = Norm(field);
        return k == f || k.EndsWith("." + f.Split('.')[^1], StringComparison.Ordinal) || k == f.Split('.')[^1] || f.StartsWith(k + ".", StringComparison.Ordinal) && k.Length > 0;
    }

    /// <summary>Real ids for route values, so that a refusal is about the body and not a 404 on the route.</summary>
    private static async Task<Func<string, string, string>> Resources(Staff staff)
    {
        var ledger = new Ledger();
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        var workload = new Workload(staff, ledger);
        await workload.Run(1, DateTime.UtcNow.AddSeconds(1), giveUp); // a chain or a few
        var operations = ledger.Operations;
        JsonElement Answer(string kind) => operations.First(o => o.Kind == kind && o.Acknowledged).Answer!.Value;
        var household = Answer("register").GetProperty("householdId").GetString()!;
        var person = Answer("register").GetProperty("beneficiaries")[0].GetProperty("personId").GetString()!;
        var number = Answer("register").GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString()!;
        var affiliation = Answer("affiliate").GetProperty("affiliationId").GetString()!;
        var claim = Answer("claim").GetProperty("claimId").GetString()!;
        return (template, name) => (template, name) switch
        {
            (_, "personId") => person,
            (_, "number" or "beneficiaryNumber") => number,
            (var t, "id") when t.StartsWith("/api/members", StringComparison.Ordinal) => household,
            (var t, "id") when t.StartsWith("/api/affiliations", StringComparison.Ordinal) => affiliation,
            (var t, "id") when t.StartsWith("/api/claims", StringComparison.Ordinal) => claim,
            (_, "collector") => "mfi-jappo-thies",
            (_, "kind") => "contributions",
            (_, "period") => DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM"),
            _ => Guid.NewGuid().ToString(),
        };
    }

    /// <summary>The first caller the endpoint does not refuse for who it is (401/403), probed with a body that is not an object.</summary>
    private static async Task<Session?> Admitted(Session[] callers, HttpMethod method, string path)
    {
        foreach (var caller in callers)
        {
            var (status, _) = await Send(caller, method, path, "[]"u8.ToArray());
            if (status is not (401 or 403)) return caller;
        }
        return null;
    }

    private static async Task<(int Status, JsonObject? Problem)> Send(Session caller, HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await caller.Http.SendAsync(request);
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject
            : null;
        return ((int)response.StatusCode, problem);
    }
}
