using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Web.Contributions.Collections;

/// <summary>
/// Collections per month by method and share (async; R-2 and the dashboards). Member money counts
/// in the month of its own date, a reversal negative in the month of the reversal (K-8); subsidy
/// shares count in the month they fall due (K-7), under the method "subsidy". Sums are made
/// idempotent by recording each applied fact once (<c>collections_facts</c>); the payments table
/// remembers each receipt's method so its reversal lands under the same method.
/// </summary>
public sealed class CollectionsByMonth : IProjection
{
    public const string Table = "collections_by_month", Facts = "collections_facts", Subsidies = "collections_subsidies";
    public const string Member = "member", Subsidy = "subsidy";
    public string Name => "collections-by-month";
    public IReadOnlyCollection<string> EventTypes => ContributionAccount.Events.Values.ToList();
    public IReadOnlyCollection<string> Tables => [Table, Facts, Subsidies];

    public string CreateTables(ProjectionTables t) => $"""
        create table {t[Table]} (tenant_id text not null, period text not null, method text not null, share text not null,
            amount bigint not null, count int not null, primary key (tenant_id, period, method, share));
        create table {t[Facts]} (tenant_id text not null, fact text not null, method text, primary key (tenant_id, fact));
        create table {t[Subsidies]} (tenant_id text not null, account_id uuid not null, instalment int not null, amount bigint not null,
            primary key (tenant_id, account_id, instalment));
        """;

    public async Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        // One statement per event, in order: a reversal reads the method its payment recorded. An impossible
        // amount (issue 22) is skipped once disregarded, else dead-lettered naming its event, never summed.
        foreach (var e in await Audit.Disregarding.Disregards.Foldable(batch.Events, connection, transaction, ct))
            foreach (var command in Commands(e, batch.Tables))
            {
                command.Connection = connection;
                command.Transaction = transaction;
                await using (command) await command.ExecuteNonQueryAsync(ct);
            }
    }

    private static IEnumerable<NpgsqlCommand> Commands(RecordedEvent e, ProjectionTables t)
    {
        switch (e.Data)
        {
            case ContributionAccountOpened o:
                foreach (var i in o.Instalments.Where(i => i.SubsidyShare > 0))
                {
                    yield return Sql($"insert into {t[Subsidies]} values ($1, $2, $3, $4) on conflict do nothing", e.Tenant, o.AccountId, i.Number, i.SubsidyShare);
                    if (i.DueOn is { } due) yield return Add(t, e.Tenant, $"due:{o.AccountId}:{i.Number}", Periods.Of(due), Subsidy, Subsidy, i.SubsidyShare);
                }
                break;
            case BeneficiaryContributionCalled c when c.Instalment.SubsidyShare > 0:
                yield return Add(t, e.Tenant, $"due:{c.AccountId}:{c.Instalment.Number}", Periods.Of(c.CalledOn), Subsidy, Subsidy, c.Instalment.SubsidyShare);
                break;
            case CoverageYearStarted s:
                foreach (var d in s.DueDates)
                    yield return Add(t, e.Tenant, $"due:{s.AccountId}:{d.Number}", Periods.Of(d.DueOn), Subsidy, Subsidy,
                        $"(select amount from {t[Subsidies]} where tenant_id = $1 and account_id = '{s.AccountId}' and instalment = {d.Number})");
                break;
            case ContributionPaid p:
                yield return Add(t, e.Tenant, $"paid:{p.Receipt}", Periods.Of(p.PaidOn), "$5", Member, p.Amount, method: p.Method);
                break;
            case ContributionReversed r:
                yield return Add(t, e.Tenant, $"reversed:{r.Receipt}", Periods.Of(r.ReversedOn),
                    $"(select method from {t[Facts]} where tenant_id = $1 and fact = 'paid:' || $6)", Member, -r.Amount, receipt: r.Receipt);
                break;
        }
    }

    /// <summary>Adds an amount once per fact: the insert into the facts table gates the sum.</summary>
    private static NpgsqlCommand Add(ProjectionTables t, string tenant, string fact, string period, string methodSql, string share,
        object amount, string? method = null, string? receipt = null)
    {
        var amountSql = amount is string expression ? expression : "$4::bigint";
        var methodExpression = methodSql == Subsidy ? $"'{Subsidy}'" : methodSql; // "$5": the payment's own method
        var command = Sql($"""
            with fact as (insert into {t[Facts]} values ($1, $2, $5) on conflict do nothing returning 1)
            insert into {t[Table]} (tenant_id, period, method, share, amount, count)
            select $1, $3, coalesce({methodExpression}, 'unknown'), '{share}', coalesce({amountSql}, 0), 1 from fact
            on conflict (tenant_id, period, method, share)
            do update set amount = {t[Table]}.amount + excluded.amount, count = {t[Table]}.count + 1
            """, tenant, fact, period, amount is string ? 0L : amount, new NpgsqlParameter { Value = (object?)method ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)receipt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return command;
    }

    private static NpgsqlCommand Sql(string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql);
        foreach (var v in values) command.Parameters.Add(v as NpgsqlParameter ?? new NpgsqlParameter { Value = v });
        return command;
    }
}
