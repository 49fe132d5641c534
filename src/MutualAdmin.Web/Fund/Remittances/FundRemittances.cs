using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.EventStore.Events;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Contributions.Remittances;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Reports;
using Npgsql;

namespace MutualAdmin.Web.Fund.Remittances;

/// <summary>
/// fund-api.md "Remittances": the Fund lists a mutual's statements of a month, acknowledges the money
/// received or disputes a statement. The commands are the contributions feature's (K-8), run in the
/// statement's mutual with the Fund client's metadata; the same body again changes nothing, and a
/// settled statement refuses a change (409).
/// </summary>
public static class FundRemittances
{
    public static async Task<Ok<List<Statements.View>>> List(string? tenant, string? period, Tenants tenants,
        EventStore.EventStore store, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(tenant) || await tenants.Find(tenant, ct) is null) errors["tenant"] = ["a mutual's id is required"];
        if (!Period.TryParse(period, out _)) errors["period"] = ["a month written yyyy-MM"];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        await using var session = store.OpenSession(actor.Metadata("list-remittances", tenant: tenant));
        var statements = await Statements.OfMonth(session, period!, ct);
        return TypedResults.Ok(statements.Select(s => Statements.ToView((Domain.Contributions.Remittance.Statement)s.Stream.State, s.Number)).ToList());
    }

    public static async Task<Results<Ok<Statements.View>, NotFound>> Acknowledge(Guid id, FundAnswers.Acknowledgement body, Actor actor,
        EventStore.EventStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ReceivedAmount is < 0 or > Domain.Amounts.MaxTotal)
            errors["receivedAmount"] = [$"AMOUNT_OUT_OF_RANGE: a whole number from 0 to {Domain.Amounts.MaxTotal} in the currency's minor unit"];
        if (string.IsNullOrWhiteSpace(body.Reference)) errors["reference"] = ["the Fund's reference of the transfer is required"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        if (await RemittanceTenants.TenantOf(db, id, ct) is not { } tenant) return TypedResults.NotFound();
        return await FundAnswers.Acknowledge(store, Metadata(actor, "acknowledge-remittance", tenant), id, body, ct) is { } statement
            ? TypedResults.Ok(Statements.ToView(statement, null)) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<Statements.View>, NotFound>> Dispute(Guid id, FundAnswers.Dispute body, Actor actor,
        EventStore.EventStore store, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reason)) throw RequestValidationException.For("reason", "the Fund's reason is required");
        if (await RemittanceTenants.TenantOf(db, id, ct) is not { } tenant) return TypedResults.NotFound();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return await FundAnswers.Disputed(store, Metadata(actor, "dispute-remittance", tenant, body.Reason), id, body, today, ct) is { } statement
            ? TypedResults.Ok(Statements.ToView(statement, null)) : TypedResults.NotFound();
    }

    private static EventMetadata Metadata(Actor actor, string command, string tenant, string? reason = null) =>
        actor.Metadata(command, reason, tenant);
}
