using MutualAdmin.Domain;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.EventStore;
using MutualAdmin.EventStore.Streams;
using MutualAdmin.Web.Platform;
using Npgsql;

namespace MutualAdmin.Web.Contributions;

/// <summary>Stream names of the contribution aggregates, and how their units of work are saved.</summary>
public static class ContributionStreams
{
    /// <summary>Derived, so the account of an affiliation's first coverage year is found without a lookup.</summary>
    public static Guid AccountId(string tenant, Guid affiliationId) => StableId.From("contribution-account", tenant, affiliationId.ToString(), "1");

    public static StreamId Account(string tenant, Guid accountId) => new(tenant, $"contribution-account-{accountId}");
    public static StreamId Remittance(string tenant, Guid id) => new(tenant, $"remittance-{id}");

    public static ContributionAccount EvolveAccount(ContributionAccount s, object e) => e is IContributionEvent c ? ContributionAccount.Evolve(s, c) : s;
    public static Domain.Contributions.Remittance EvolveRemittance(Domain.Contributions.Remittance s, object e) =>
        e is IRemittanceEvent r ? Domain.Contributions.Remittance.Evolve(s, r) : s;

    /// <summary>The account folded for a command or a statement, naming or skipping an impossible event (issue 22).</summary>
    public static Task<StreamState<ContributionAccount>> FetchAccount(this EventSession session, Guid accountId, CancellationToken ct) =>
        Audit.Disregarding.Disregards.FetchForWriting(session, Account(session.Tenant, accountId), ContributionAccount.Initial, EvolveAccount, ct);

    /// <summary>
    /// Runs a unit of work again when a concurrent one won (LostRaces). Two cashiers paying the same
    /// instalment both succeed, the second paying what is left and carrying the rest as credit (K-4),
    /// while a receipt number the other took is refused by the rule, as if it had come second.
    /// </summary>
    public static async Task<T> Retrying<T>(Func<Task<T>> unit, int attempts = 8)
    {
        try
        {
            return await LostRaces.Retrying(unit, attempts);
        }
        catch (PostgresException e) when (IsReceiptTaken(e))
        {
            throw ReceiptTaken;
        }
    }

    public static DomainError ReceiptTaken => new("K-4", "RECEIPT_DUPLICATE", "this receipt number is already used", "receipt");

    private static bool IsReceiptTaken(PostgresException e) =>
        e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == "contribution_receipts";
}
