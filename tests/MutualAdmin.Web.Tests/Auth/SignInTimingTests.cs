using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MutualAdmin.Testing;
using MutualAdmin.Web.Platform;

namespace MutualAdmin.Web.Tests.Auth;

/// <summary>
/// Issue 22 §5: an unknown username answered in 23 ms and a wrong password in 254 ms, so usernames
/// could be told apart. Now an unknown one has a hash checked as costly as a real user's. The real
/// hasher is wrapped to see which hashes are checked; the lockout and throttle are set out of the way.
/// </summary>
public sealed class SignInTimingTests(TestCluster cluster) : WebTest(cluster)
{
    private readonly WatchedHasher hasher = new();

    protected override void Configure(IWebHostBuilder host)
    {
        host.UseSetting("Auth:Lockout:Failures", "1000");
        host.UseSetting("Auth:SignInLimits:PerAddress", "1000");
        host.UseSetting("Auth:SignInLimits:PerAccount", "1000");
        host.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<StaffUser>>(hasher));
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Mutual("thies", "manager");
    }

    [Fact]
    public async Task An_unknown_username_has_a_hash_checked_as_costly_as_a_wrong_password_does()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token("manager@thies", "wrong password")).StatusCode);
        var real = Assert.Single(hasher.Checked);
        hasher.Checked.Clear();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Token("nobody@thies", "wrong password")).StatusCode);
        var nobodys = Assert.Single(hasher.Checked);
        Assert.NotEqual(real, nobodys);
        // Format, PRF, iteration count and salt length (ASP.NET Identity V3): the same work to check.
        Assert.Equal(Header(real), Header(nobodys));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(real).AsSpan(5)) >= 100_000);
    }

    [Fact]
    public async Task Unknown_usernames_and_wrong_passwords_take_comparable_time()
    {
        await Token("warm@thies", "wrong password"); // the first unknown name makes the stand-in hash
        var (unknown, wrong) = (new List<double>(), new List<double>());
        for (var i = 0; i < 10; i++)
        {
            unknown.Add(await Timed(() => Token($"nobody{i}@thies", "wrong password")));
            wrong.Add(await Timed(() => Token("manager@thies", "wrong password")));
        }
        var ratio = Median(unknown) / Median(wrong);
        Assert.True(ratio is > 1 / 3.0 and < 3, $"unknown {Median(unknown):F0} ms, wrong password {Median(wrong):F0} ms");
    }

    private Task<HttpResponseMessage> Token(string username, string password) =>
        Client.PostAsJsonAsync("/api/auth/token", new { username, password });

    private static async Task<double> Timed(Func<Task<HttpResponseMessage>> request)
    {
        var started = Stopwatch.GetTimestamp();
        Assert.Equal(HttpStatusCode.Unauthorized, (await request()).StatusCode);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Header(string hash) => Convert.ToHexString(Convert.FromBase64String(hash).AsSpan(0, 13));

    /// <summary>The real hasher, noting each hash it is asked to check.</summary>
    private sealed class WatchedHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> real = new();
        public ConcurrentQueue<string> Checked { get; } = new();

        public string HashPassword(StaffUser user, string password) => real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Checked.Enqueue(hashedPassword);
            return real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
