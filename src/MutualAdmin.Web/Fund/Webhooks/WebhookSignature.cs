using System.Security.Cryptography;
using System.Text;

namespace MutualAdmin.Web.Fund.Webhooks;

/// <summary>
/// Standard Webhooks signing (fund-api.md "Webhooks"): the secret is "whsec_" + base64 of 32 random
/// bytes; the signature is "v1," + base64 HMAC-SHA256 over "{id}.{timestamp}.{body}" keyed with those bytes.
/// </summary>
public static class WebhookSignature
{
    private const string Prefix = "whsec_";

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
    }
}
