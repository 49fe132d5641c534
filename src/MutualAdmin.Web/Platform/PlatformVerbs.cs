using System.CommandLine;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Platform;

/// <summary>The platform administrator's verbs: tenants, staff users and API clients.</summary>
public static class PlatformVerbs
{
    public static IEnumerable<Command> All()
    {
        yield return CreateTenant();
        yield return CreateUser();
        yield return CreatePlatformAdmin();
        yield return CreateClient("create-fund-client", Roles.Fund);
        yield return CreateClient("create-provider-client", Roles.Provider);
    }

    private static Command CreateTenant()
    {
        var id = new Argument<string>("id") { Description = "The mutual's id: 2-40 lower-case letters, digits or dashes." };
        var name = new Argument<string>("name") { Description = "The mutual's name." };
        var command = new Command("create-tenant", "Create a mutual (a tenant).") { id, name };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await App.Services(ct);
            var created = await services.GetRequiredService<Tenants>().Create(new(parse.GetValue(id)!, parse.GetValue(name)!), ct);
            Console.WriteLine(created ? $"tenant {parse.GetValue(id)} created" : $"tenant {parse.GetValue(id)} already exists");
            return 0;
        });
        return command;
    }

    private static Command CreateUser()
    {
        var tenant = new Option<string>("--tenant") { Required = true, Description = "The user's mutual." };
        var username = new Option<string>("--username") { Required = true };
        var password = new Option<string>("--password") { Required = true };
        var name = new Option<string>("--name") { Description = "Display name (default: the username)." };
        var roles = new Option<string[]>("--role") { Required = true, AllowMultipleArgumentsPerToken = true, Description = $"One or more of: {string.Join(", ", Roles.Staff)}." };
        var language = new Option<string>("--language") { DefaultValueFactory = _ => "en" };
        var command = new Command("create-user", "Create a staff user of a mutual.") { tenant, username, password, name, roles, language };
        command.SetAction(async (parse, ct) =>
        {
            var unknown = parse.GetValue(roles)!.Where(r => !Roles.IsStaffRole(r)).ToList();
            if (unknown.Count > 0) { Console.Error.WriteLine($"unknown role(s): {string.Join(", ", unknown)}"); return 2; }
            if (parse.GetValue(tenant) == Tenants.PlatformId) { Console.Error.WriteLine("the platform's users are made with create-platform-admin"); return 2; }
            if (PasswordRules.Refusal(parse.GetValue(username), parse.GetValue(password)!) is { } weak) { Console.Error.WriteLine($"the password {weak}"); return 2; }
            await using var services = await App.Services(ct);
            var user = await services.GetRequiredService<StaffUsers>().Create(parse.GetValue(tenant)!, parse.GetValue(username)!,
                parse.GetValue(name) ?? parse.GetValue(username)!, parse.GetValue(password)!, parse.GetValue(roles)!, parse.GetValue(language)!, ct);
            Console.WriteLine(user is null ? "that username is taken" : $"user {user.Username} ({user.Id}) created");
            return user is null ? 1 : 0;
        });
        return command;
    }

    /// <summary>
    /// A platform administrator: a user of the platform's own tenant (created with it, once) holding the
    /// one role that operates what all mutuals share. No mutual's admin can grant it.
    /// </summary>
    private static Command CreatePlatformAdmin()
    {
        var username = new Option<string>("--username") { Required = true };
        var password = new Option<string>("--password") { Required = true, Description = "At least 10 characters." };
        var name = new Option<string>("--name") { Description = "Display name (default: the username)." };
        var command = new Command("create-platform-admin",
            "Create a platform administrator: operates projections, dead letters of every mutual, the Fund's webhooks and API clients.")
            { username, password, name };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(password)!.Length < 10) { Console.Error.WriteLine("the password must be at least 10 characters"); return 2; }
            await using var services = await App.Services(ct);
            await services.GetRequiredService<Tenants>().EnsurePlatform(ct);
            var user = await services.GetRequiredService<StaffUsers>().Create(Tenants.PlatformId, parse.GetValue(username)!,
                parse.GetValue(name) ?? parse.GetValue(username)!, parse.GetValue(password)!, [Roles.PlatformAdmin], "en", ct);
            Console.WriteLine(user is null ? "that username is taken" : $"platform administrator {user.Username} ({user.Id}) created");
            return user is null ? 1 : 0;
        });
        return command;
    }

    private static Command CreateClient(string verb, string kind)
    {
        var name = new Option<string>("--name") { Required = true };
        var tenant = new Option<string>("--tenant") { Required = kind == Roles.Provider, Description = "The mutual the provider submits claims to." };
        var provider = new Option<string>("--provider") { Required = kind == Roles.Provider, Description = "The provider's id." };
        var command = new Command(verb, $"Create a {kind} API client; its secret is shown once.") { name };
        if (kind == Roles.Provider) { command.Options.Add(tenant); command.Options.Add(provider); }
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await App.Services(ct);
            var (client, secret) = await services.GetRequiredService<ApiClients>().Create(kind, parse.GetValue(name)!,
                parse.GetValue(tenant), parse.GetValue(provider), ct);
            Console.WriteLine($"clientId:     {client.Id}\nclientSecret: {secret}\n(the secret is shown only now; it is stored hashed)");
            return 0;
        });
        return command;
    }
}
