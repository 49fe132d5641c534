using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Fund.Feed;
using Npgsql;

namespace MutualAdmin.Web.Fund.Webhooks;

/// <summary>
/// <c>POST /fund/v1/webhooks {url, types[]}</c> → <c>{id, secret}</c>. The endpoint receives the
/// matching events recorded in the feed after it was registered; the secret is shown this once.
/// </summary>
public static class RegisterWebhook
{
    public sealed record Request(string? Url, string[]? Types);
    public sealed record Registered(Guid Id, string Secret);

    public static async Task<Created<Registered>> Handle(Request request, Actor actor, NpgsqlDataSource db, WebhookTargets targets,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            errors["url"] = ["an absolute http or https URL is required"];
        else if (targets.Refusal(url) is { } refused)
            errors["url"] = [refused];
        if (request.Types is not { Length: > 0 })
            errors["types"] = ["at least one event type is required"];
        else
            for (var i = 0; i < request.Types.Length; i++)
                if (!IntegrationEvent.All.Contains(request.Types[i]))
                    errors[$"types[{i}]"] = [$"'{request.Types[i]}' is not an event type of the feed"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        // Only a request valid otherwise costs a name lookup.
        if (await targets.RefusalAfterLookup(url!, ct) is { } unreachable) throw RequestValidationException.For("url", unreachable);

        var id = Guid.CreateVersion7();
        var secret = WebhookSignature.NewSecret();
        await using var command = db.CreateCommand($"""
            insert into fund_webhooks (id, client_id, url, types, secret, delivered_position)
            values ($1, $2, $3, $4, $5, (select coalesce(max(position), 0) from {FundFeed.Table}))
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = actor.Id });
        command.Parameters.Add(new() { Value = url!.ToString() });
        command.Parameters.Add(new() { Value = request.Types!.Distinct().ToArray() });
        command.Parameters.Add(new() { Value = secret });
        await command.ExecuteNonQueryAsync(ct);
        return TypedResults.Created($"/fund/v1/webhooks/{id}", new Registered(id, secret));
    }
}
