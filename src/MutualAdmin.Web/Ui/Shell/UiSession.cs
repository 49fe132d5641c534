using MutualAdmin.Web.Auth;

namespace MutualAdmin.Web.Ui.Shell;

/// <summary>The signed-in user as <c>GET /api/me</c> describes them, read once per circuit.</summary>
public sealed class UiSession(SelfApi api)
{
    public AuthApi.Me? Me { get; private set; }

    public string Language => Me?.Language is "fr" ? "fr" : "en";

    public async Task Load()
    {
        if (Me is null) Me = (await api.Get<AuthApi.Me>("/api/me")).Value;
    }

    /// <summary>True when the user holds one of the roles of an <see cref="Access"/> list.</summary>
    public bool May(string roles) => Me is { } me && roles.Split(',').Any(me.Roles.Contains);
}
