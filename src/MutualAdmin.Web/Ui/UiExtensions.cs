using MutualAdmin.Web.Ui.Dashboards;
using MutualAdmin.Web.Ui.Shell;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace MutualAdmin.Web.Ui;

/// <summary>The staff web UI (issue 9): Blazor components under Ui/, served at "/" beside the API.</summary>
public static class UiExtensions
{
    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        // Radzen's styles and scripts are static web assets of its package; outside Development the host
        // only finds them in a build (not a publish) through this manifest, and ignores it when absent.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        builder.Services.AddRadzenComponents();
        builder.Services.AddHttpClient(SelfApi.ClientName);
        builder.Services.AddSingleton<SelfAddress>();
        builder.Services.AddScoped<SelfApi>();
        builder.Services.AddScoped<UiSession>();
        builder.Services.AddScoped<Texts>();
        return builder;
    }

    public static WebApplication MapUi(this WebApplication app)
    {
        // The API's fallback policy refuses what names nobody, and a page's [Authorize] would answer a
        // bare 401 as the API does. Pages and assets are open instead (added last, so it outranks the
        // pages' own attributes) and each page checks the user's roles in the circuit (Routes.razor):
        // a stranger is sent to sign in, a role that may not see the page is told so. Data stays
        // behind the API's own policies either way.
        // Named after this assembly, not the entry one: a host started from another program (the
        // benchmarks) has no manifest and then serves the API and pages without the packaged assets.
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{typeof(UiExtensions).Assembly.GetName().Name}.staticwebassets.endpoints.json");
        if (File.Exists(manifest)) app.MapStaticAssets(manifest).AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .Finally(endpoint => endpoint.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute()));
        app.MapDashboard();
        return app;
    }
}
