using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;

namespace MutualAdmin.Web.Hosting;

public static class DatabaseExtensions
{
    /// <summary>The database, the event store over it and the event types every feature registers.</summary>
    public static IServiceCollection AddDatabase(this IServiceCollection services)
    {
        services.AddSingleton<Database>();
        services.AddHostedService<DatabaseStartup>();
        services.AddSingleton(sp => sp.GetRequiredService<Database>().DataSource);
        services.AddSingleton(new EventTypes());
        services.AddSingleton(sp => new EventStore.EventStore(
            sp.GetRequiredService<Database>().DataSource, sp.GetRequiredService<EventTypes>()));
        return services;
    }

    /// <summary>The event type registry AddDatabase made, for a feature to register its events in.</summary>
    public static EventTypes RegisteredEventTypes(this IServiceCollection services, string feature) =>
        services.Last(d => d.ServiceType == typeof(EventTypes)).ImplementationInstance as EventTypes
        ?? throw new InvalidOperationException($"{feature} needs AddDatabase first (EventTypes)");

    /// <summary>
    /// Adds a feature's inline projections to the store where it is made, so that no unit of work can
    /// miss them: the store registered so far is wrapped by one that adds them.
    /// </summary>
    public static IServiceCollection AddInlineProjections(this IServiceCollection services,
        Func<IServiceProvider, EventStore.EventStore, IEnumerable<IInlineProjection>> projections)
    {
        var makeStore = services.Last(d => d.ServiceType == typeof(EventStore.EventStore)).ImplementationFactory!;
        services.AddSingleton(sp =>
        {
            var store = (EventStore.EventStore)makeStore(sp);
            store.InlineProjections.AddRange(projections(sp, store));
            return store;
        });
        return services;
    }
}
