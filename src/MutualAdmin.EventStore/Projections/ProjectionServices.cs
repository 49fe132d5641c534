using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MutualAdmin.EventStore.Projections;

public static class ProjectionServices
{
    /// <summary>Registers an async projection; the daemon picks up every registered one.</summary>
    public static IServiceCollection AddProjection<TProjection>(this IServiceCollection services)
        where TProjection : class, IProjection =>
        services.AddSingleton<IProjection, TProjection>();

    /// <summary>Runs the daemon as a hosted service and makes it injectable (status pages, tests).</summary>
    public static IServiceCollection AddProjectionDaemon(this IServiceCollection services, ProjectionOptions? options = null)
    {
        if (options is not null) services.TryAddSingleton(options);
        services.TryAddSingleton<ProjectionDaemon>();
        services.AddHostedService(sp => sp.GetRequiredService<ProjectionDaemon>());
        return services;
    }
}
