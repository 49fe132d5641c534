using MutualAdmin.Web.Idempotency;

namespace MutualAdmin.Web.Platform;

public static class PlatformExtensions
{
    public static IServiceCollection AddPlatform(this IServiceCollection services) => services
        .AddSingleton<Tenants>()
        .AddSingleton<Auth.CredentialStamps>()
        .AddSingleton<StaffUsers>()
        .AddSingleton<ApiClients>()
        .AddSingleton<Reference.ReferenceData>()
        .AddScoped<IdempotencyKeys>();
}
