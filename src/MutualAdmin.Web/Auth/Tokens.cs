using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MutualAdmin.Web.Auth;

/// <summary>The answer of every token endpoint (fund-api.md "Authentication").</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>Issues and checks the platform's short-lived bearer tokens.</summary>
public sealed class Tokens(SigningKeys keys, TimeProvider clock)
{
    public const string Issuer = "mutualadmin";
    public static readonly TimeSpan FundLifetime = TimeSpan.FromSeconds(900);
    public static readonly TimeSpan StaffLifetime = TimeSpan.FromHours(8);

    public TokenResponse Issue(IEnumerable<Claim> claims, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now,
            IssuedAt = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Issuer,
        IssuerSigningKeyResolver = (_, _, _, _) => [keys.Current],
        ClockSkew = TimeSpan.FromSeconds(5),
        NameClaimType = ClaimNames.Name,
        RoleClaimType = ClaimNames.Role,
    };
}
