using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Idempotency;

namespace MutualAdmin.Web.Platform;

public static class PlatformExtensions
{
    public static IServiceCollection AddPlatform(this IServiceCollection services)
    {
        // The verbs' services have no AddAuth, yet StaffUsers counts failed sign-ins by the clock.
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddSingleton<Tenants>()
            .AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>()
            .AddSingleton<SignInLockout>()
            .AddSingleton<Auth.CredentialStamps>()
            .AddSingleton<StaffUsers>()
            .AddSingleton<ApiClients>()
            .AddSingleton<Reference.ReferenceData>()
            .AddScoped<IdempotencyKeys>();
    }
}
