using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Contributions.Remittances;

/// <summary>The statements of a month, the live one last.</summary>
public static class ListRemittances
{
    public static async Task<Ok<IReadOnlyList<Statements.View>>> Handle(string period, Actor actor, EventStore.EventStore store, CancellationToken ct)
    {
        if (!Periods.IsValid(period)) throw RequestValidationException.For("period", "K-8 PERIOD_INVALID: expected yyyy-MM");
        await using var session = store.OpenSession(actor.Metadata("list-remittances"));
        var month = await Statements.OfMonth(session, period, ct);
        return TypedResults.Ok<IReadOnlyList<Statements.View>>(
            [.. month.Select(m => Statements.ToView((Remittance.Statement)m.Stream.State, m.Number))]);
    }
}
