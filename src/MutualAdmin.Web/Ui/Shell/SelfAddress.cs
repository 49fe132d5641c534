using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MutualAdmin.Web.Ui.Shell;

/// <summary>
/// Where this host listens, read from the server once it runs: the UI calls the API there, on the
/// same machine, so a reverse proxy's public name never has to resolve from inside.
/// </summary>
public sealed class SelfAddress(IServer server)
{
    private Uri? address;

    public Uri Value => address ??= Find();

    private Uri Find()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the server listens nowhere yet");
        // A wildcard host means every interface; loopback is one of them.
        var uri = new UriBuilder(chosen.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "localhost";
        return uri.Uri;
    }
}
