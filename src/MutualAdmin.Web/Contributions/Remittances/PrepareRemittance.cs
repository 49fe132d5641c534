using Microsoft.AspNetCore.Http.HttpResults;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Web.Auth;
using MutualAdmin.Web.Errors;
using MutualAdmin.Web.Schemes;
using static MutualAdmin.Domain.Contributions.Remittance;

namespace MutualAdmin.Web.Contributions.Remittances;

/// <summary>
/// K-8: prepares the statement of a finished month. A month has one live statement: preparing again
/// returns it, unless the Fund disputed it, in which case the new statement is the correction that
/// supersedes it (both written in one unit).
/// </summary>
public static class PrepareRemittance
{
    public sealed record Request(string Period);

    public static async Task<Results<Created<Statements.View>, Ok<Statements.View>>> Handle(Request request, Actor actor,
        EventStore.EventStore store, MonthFigures figures, SchemeCatalogues catalogues, DefaultScheme defaultScheme, TimeProvider clock, CancellationToken ct)
    {
        if (!Periods.IsValid(request.Period)) throw RequestValidationException.For("period", "K-8 PERIOD_INVALID: expected yyyy-MM");
        var first = DateOnly.ParseExact(request.Period + "-01", "yyyy-MM-dd");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Money of a month still running would be missing from a statement that can never change.
        if (first.AddMonths(1) > today) throw new DomainError("K-8", "MONTH_NOT_ENDED", "a month is remitted once it has ended", "period");
        var scheme = await catalogues.InForce(defaultScheme.Code, first.AddMonths(1).AddDays(-1), ct)
            ?? throw new DomainError("S-2", "SCHEME_NOT_IN_FORCE", $"no version of {defaultScheme.Code} is in force in {request.Period}");

        return await ContributionStreams.Retrying<Results<Created<Statements.View>, Ok<Statements.View>>>(async () =>
        {
            await using var session = store.OpenSession(actor.Metadata("prepare-remittance"));
            var month = await Statements.OfMonth(session, request.Period, ct);
            if (month.Count > 0 && month[^1].Stream.State is Statement { State: not RemittanceState.Disputed } live)
                return TypedResults.Ok(Statements.ToView(live, month[^1].Number));

            var number = month.Count + 1;
            var id = Statements.IdOf(actor.Tenant, request.Period, number);
            var disputed = month.Count > 0 ? month[^1].Stream : null;
            var events = RemittanceDecider.Decide(new Domain.Contributions.PrepareRemittance(id, request.Period,
                await figures.Collections(actor.Tenant, first, ct), await figures.SubsidiesDue(actor.Tenant, first, ct),
                scheme.AdminFeePercent, today, disputed?.State is Statement d ? d.RemittanceId : null), Initial);
            session.StartStream(ContributionStreams.Remittance(actor.Tenant, id), "remittance", [.. events]);
            if (disputed is not null)
                session.Append(disputed, [.. RemittanceDecider.Decide(new SupersedeRemittance(((Statement)disputed.State).RemittanceId, id, today), disputed.State)]);
            await session.SaveChanges(ct);
            return TypedResults.Created($"/api/remittances/{id}", Statements.ToView((Statement)events.Aggregate(Initial, Evolve), number));
        });
    }
}
