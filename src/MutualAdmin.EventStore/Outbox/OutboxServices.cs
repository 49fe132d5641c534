using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MutualAdmin.EventStore.Outbox;

public static class OutboxServices
{
    public static IServiceCollection AddOutboxSender<TSender>(this IServiceCollection services) where TSender : class, IOutboxSender =>
        services.AddSingleton<IOutboxSender, TSender>();

    /// <summary>Runs the dispatcher as a hosted service; it needs the store's NpgsqlDataSource registered.</summary>
    public static IServiceCollection AddOutboxDispatcher(this IServiceCollection services, OutboxOptions? options = null)
    {
        if (options is not null) services.TryAddSingleton(options);
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
