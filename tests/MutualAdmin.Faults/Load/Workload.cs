using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MutualAdmin.Faults.Load;

/// <summary>The demo mutual's staff the clients act as.</summary>
public sealed record Staff(Session Officer, Session Manager, Session Cashier, Session Claims)
{
    public static async Task<Staff> SignIn(Uri address) => new(
        await Session.Staff(address, "fatou.enrolment-officer@mutuelle-thies"),
        await Session.Staff(address, "cheikh.manager@mutuelle-thies"),
        await Session.Staff(address, "awa.cashier@mutuelle-thies"),
        await Session.Staff(address, "ibrahima.claims-officer@mutuelle-thies"));
}

/// <summary>
/// Clients working as a mutual's office does: each registers a household, asks for its affiliation,
/// has it approved, takes a payment and enters a claim for the member, then starts the next household.
/// Every creating or paying POST carries an Idempotency-Key; a request that got no answer, a 503 or
/// a 409 "key in progress" is sent again with the same key and body until it is answered or the run
/// gives up. Nothing new is begun once <see cref="Run"/>'s load time is over.
/// </summary>
public sealed class Workload(Staff staff, Ledger ledger)
{
    private readonly string run = Letters(Random.Shared.Next(26 * 26 * 26, 26 * 26 * 26 * 26));
    private static readonly TimeSpan LongestRetryWait = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="clients"/> clients until <paramref name="loadUntil"/>; in-doubt writes are retried until <paramref name="giveUpAt"/>.</summary>
    public Task Run(int clients, DateTime loadUntil, DateTime giveUpAt, Func<Task>? pace = null) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => Client(c, loadUntil, giveUpAt, pace))));

    private async Task Client(int client, DateTime loadUntil, DateTime giveUpAt, Func<Task>? pace)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        for (var i = 0; DateTime.UtcNow < loadUntil; i++)
        {
            if (pace is not null) await pace();
            var mark = $"{run}{Letters(client)}{Letters(i)}";
            var name = $"Awa {mark} Faults";
            var registered = await Send(staff.Officer, ledger.Begin("register", "/api/members", new
            {
                member = new { fullName = name, sex = "F", birthDate = "1980-01-01", subsidyCategory = "standard" },
                locality = new { region = "Thiès", district = "Mbour", commune = "Mbour" },
                occupationCategory = "trade",
                confirmedNotDuplicate = true,
            }, name), giveUpAt);
            if (registered is not { } household) continue;
            var householdId = household.GetProperty("householdId").GetString()!;
            var number = household.GetProperty("beneficiaries")[0].GetProperty("beneficiaryNumber").GetString()!;

            var affiliated = await Send(staff.Officer, ledger.Begin("affiliate", $"/api/members/{householdId}/affiliations",
                new { channel = "individual", paymentPlan = "annual" }, householdId), giveUpAt);
            if (affiliated is not { } affiliation) continue;
            var affiliationId = affiliation.GetProperty("affiliationId").GetString()!;

            if (await Send(staff.Manager, ledger.Begin("approve", $"/api/affiliations/{affiliationId}/approval", null!, affiliationId), giveUpAt) is null)
                continue;
            await Send(staff.Cashier, ledger.Begin("pay", $"/api/affiliations/{affiliationId}/payments",
                new { receipt = $"F-{mark}", amount = 3500, method = "cash" }, $"F-{mark}") , giveUpAt);
            await Send(staff.Claims, ledger.Begin("claim", "/api/claims", new
            {
                providerId = "cs-mbour", providerClaimReference = $"F-{mark}", beneficiaryNumber = number,
                visitType = "outpatient", serviceDate = today, mainDiagnosis = "B54",
                lines = new[] { new { tariffCode = "CONS-GEN", quantity = 1, claimedUnitPrice = 2000 } },
            }, $"F-{mark}"), giveUpAt);
        }
    }

    /// <summary>Sends the operation until it is answered with something other than "try again"; its 2xx answer, else null.</summary>
    public static async Task<JsonElement?> Send(Session session, Operation operation, DateTime giveUpAt)
    {
        while (true)
        {
            var token = session.Token;
            using var request = new HttpRequestMessage(HttpMethod.Post, operation.Path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Idempotency-Key", operation.Key);
            if (operation.Body != "null") request.Content = new StringContent(operation.Body, Encoding.UTF8, "application/json");
            var at = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            Attempt attempt;
            JsonElement? answer = null;
            try
            {
                using var response = await session.Http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                string? problemType = null;
                if (text.StartsWith('{'))
                {
                    var json = JsonDocument.Parse(text).RootElement.Clone();
                    if (response.IsSuccessStatusCode) answer = json;
                    else if (json.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String) problemType = type.GetString();
                }
                attempt = new Attempt(at, clock.Elapsed.TotalMilliseconds, (int)response.StatusCode,
                    response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), null, problemType);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                attempt = new Attempt(at, clock.Elapsed.TotalMilliseconds, null, null, $"{e.GetType().Name}: {e.Message}", null);
            }
            lock (operation.Attempts) operation.Attempts.Add(attempt);
            if (answer is not null) operation.Answer = answer;

            var again = attempt.Status switch
            {
                null => true,
                (int)HttpStatusCode.ServiceUnavailable => true,
                (int)HttpStatusCode.Conflict => attempt.ProblemType?.EndsWith("idempotency-key-in-progress", StringComparison.Ordinal) == true,
                (int)HttpStatusCode.Unauthorized => true, // a token from before a restart is still valid; renewing costs one sign-in
                _ => false,
            };
            if (!again) return answer;
            if (DateTime.UtcNow > giveUpAt) return null;
            if (attempt.Status == (int)HttpStatusCode.Unauthorized) await session.Renew(token);
            var wait = attempt.RetryAfter is { } seconds ? TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.FromMilliseconds(500);
            await Task.Delay(wait < LongestRetryWait ? wait : LongestRetryWait);
        }
    }

    /// <summary>A number as letters (a, b, …, ba, …): names refuse digits, and no mark is a prefix of another's letters plus the client's.</summary>
    public static string Letters(int n)
    {
        var s = new StringBuilder();
        do { s.Insert(0, (char)('a' + n % 26)); n /= 26; } while (n > 0);
        return s.ToString();
    }
}
