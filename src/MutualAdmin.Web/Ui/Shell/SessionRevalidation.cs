using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Ui.Shell;

/// <summary>
/// A circuit keeps the user the cookie proved when it opened, for as long as the tab stays open. This
/// checks that user again every Ui:SessionCheck (a minute unless configured) and drops them once their
/// sign-in has ended (<see cref="ClaimNames.SessionEnds"/>) or been ended (password changed, user
/// disabled: <see cref="CredentialStamps"/>); the pages then send them to sign in. Between two checks the
/// API itself refuses such a user's calls, and the page goes to sign in on that answer (SelfApi).
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory logs, TimeProvider clock, IConfiguration configuration, CredentialStamps stamps)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => configuration.GetValue("Ui:SessionCheck", TimeSpan.FromMinutes(1));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        state.User.Identity?.IsAuthenticated != true
        || ((Ends(state.User) is not { } ends || ends > clock.GetUtcNow()) && await stamps.IsCurrent(state.User, ct));

    /// <summary>When the user's sign-in ends; null for a principal without one (not signed in through the cookie).</summary>
    public static DateTimeOffset? Ends(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(ClaimNames.SessionEnds)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
