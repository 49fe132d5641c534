using MutualAdmin.EventStore.Events;

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
            sp.GetRequiredService<Database>().DataSource, sp.GetRequiredService<EventTypes>(), sp.GetRequiredService<Database>().Pipeline));
        return services;
    }
}
