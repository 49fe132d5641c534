using System.Text.Json.Nodes;
using MutualAdmin.Domain;
using MutualAdmin.Domain.Claims;
using MutualAdmin.Domain.Contributions;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.EventStore.Events;
using MutualAdmin.EventStore.Projections;
using Npgsql;
using NpgsqlTypes;

namespace MutualAdmin.Web.Fund.Feed;

/// <summary>
/// The Fund's event feed as a projection: each internal event the Fund must hear of becomes one feed
/// row at the event's own position, with its subject and data worked out from what was known at that
/// position (who the household's member was, which household an affiliation covers), so the same
/// event always reads the same, also after a rebuild. The daemon writes batches in position order
/// from one leader, so a reader paging with "position > after" never sees a later row before an
/// earlier one. Side tables remember the links the later events need.
/// </summary>
public sealed class FundFeed : IProjection
{
    public const string Table = "fund_feed";
    private const string People = "fund_feed_people", Households = "fund_feed_households",
        Affiliations = "fund_feed_affiliations", Accounts = "fund_feed_accounts", Claims = "fund_feed_claims";

    public string Name => "fund-feed";

    // 2: claims joined the feed (claim.decided, claim.paid). 3: the locality is the Fund's code, not a name path.
    public int Version => 3;

    public IReadOnlyCollection<string> EventTypes { get; } =
    [
        "member-registered", "dependant-added", "dependant-removed", "person-died", "household-transferred-to-new-member",
        "affiliation-requested", "affiliation-activated", "affiliation-suspended", "affiliation-reinstated",
        "affiliation-lapsed", "affiliation-terminated",
        "contribution-account-opened", "contribution-paid", "contribution-reversed", "remittance-submitted", "report-published",
        "claim-submitted", "claim-adjudicated", "claim-reviewed", "claim-second-approved", "claim-paid",
    ];

    public IReadOnlyCollection<string> Tables => [Table, People, Households, Affiliations, Accounts, Claims];

    public string CreateTables(ProjectionTables t) => $"""
        create table {t[Table]} (
            position bigint primary key, id uuid not null, tenant_id text not null, type text not null,
            subject text not null, time timestamptz not null, data jsonb not null);
        create table {t[People]} (tenant_id text not null, person_id uuid not null, beneficiary_number text not null,
            primary key (tenant_id, person_id));
        create table {t[Households]} (tenant_id text not null, household_id uuid not null, member_id uuid not null,
            locality text, primary key (tenant_id, household_id));
        create table {t[Affiliations]} (tenant_id text not null, affiliation_id uuid not null, household_id uuid not null,
            scheme_code text not null, primary key (tenant_id, affiliation_id));
        create table {t[Accounts]} (tenant_id text not null, account_id uuid not null, affiliation_id uuid not null,
            primary key (tenant_id, account_id));
        create table {t[Claims]} (tenant_id text not null, claim_id uuid not null, beneficiary_number text not null,
            provider_id text not null, claimed bigint not null, outcome text, benefit bigint not null, primary key (tenant_id, claim_id));
        """;

    public async Task Apply(ProjectionBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var links = new FeedLinks(batch.Tables, connection, transaction);
        var entries = new List<FeedEntry>();
        // An impossible amount (issue 22) never reaches the Fund: dead-lettered until a manager disregards it, then left out.
        foreach (var e in await Audit.Disregarding.Disregards.Foldable(batch.Events, connection, transaction, ct))
            if (await Translate(e, links, ct) is { } entry) entries.Add(entry);
        await links.Save(ct);
        if (entries.Count == 0) return;

        await using var insert = new NpgsqlCommand($"""
            insert into {batch.Tables[Table]} (position, id, tenant_id, type, subject, time, data)
            select * from unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[])
            on conflict (position) do nothing
            """, connection, transaction);
        insert.Parameters.Add(new() { Value = entries.Select(x => x.Position).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(x => x.Id).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(x => x.Tenant).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(x => x.Type).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(x => x.Subject).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(x => x.Time).ToArray() });
        insert.Parameters.Add(new() { Value = entries.Select(x => x.Data.ToJsonString()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await insert.ExecuteNonQueryAsync(ct);
    }

    private static async Task<FeedEntry?> Translate(RecordedEvent e, FeedLinks links, CancellationToken ct)
    {
        FeedEntry Entry(string type, string subject, JsonObject data) => new(e.Position, e.EventId, e.Tenant, type, subject, e.RecordedAt, data);

        switch (e.Data)
        {
            case MemberRegistered m:
                links.Person(e.Tenant, m.PersonId, m.BeneficiaryNumber);
                links.Household(e.Tenant, m.HouseholdId, m.PersonId, LocalityCode(m.Locality));
                return Entry(IntegrationEvent.BeneficiaryAdded, m.BeneficiaryNumber,
                    Beneficiary(m.BeneficiaryNumber, m.Sex, m.BirthYear, LocalityCode(m.Locality), Relationship.Member, m.RegisteredOn));
            case DependantAdded d:
                links.Person(e.Tenant, d.PersonId, d.BeneficiaryNumber);
                var home = await links.HouseholdOf(e.Tenant, d.HouseholdId, ct);
                return Entry(IntegrationEvent.BeneficiaryAdded, d.BeneficiaryNumber,
                    Beneficiary(d.BeneficiaryNumber, d.Sex, d.BirthYear, home?.Locality, d.Relationship, d.AddedOn));
            case DependantRemoved r:
                return await Removed(r.PersonId, "removed", r.RemovedOn);
            case PersonDied d:
                return await Removed(d.PersonId, "death", d.DiedOn);
            case HouseholdTransferredToNewMember t:
                if (await links.HouseholdOf(e.Tenant, t.HouseholdId, ct) is { } household)
                    links.Household(e.Tenant, t.HouseholdId, t.NewMemberId, household.Locality);
                return null;

            case AffiliationRequested r:
                links.Affiliation(e.Tenant, r.AffiliationId, r.HouseholdId, r.SchemeCode);
                return null;
            case AffiliationActivated a:
                return await Affiliation(IntegrationEvent.AffiliationActivated, a.AffiliationId,
                    new() { ["activatedOn"] = Day(a.ActivatedOn), ["coverageYearEnds"] = Day(a.CoverageYearEnds) });
            case AffiliationSuspended s:
                return await Affiliation(IntegrationEvent.AffiliationSuspended, s.AffiliationId,
                    new() { ["suspendedFrom"] = Day(s.SuspendedFrom), ["reason"] = s.Reason });
            case AffiliationReinstated r:
                return await Affiliation(IntegrationEvent.AffiliationReinstated, r.AffiliationId, new() { ["reinstatedFrom"] = Day(r.ReinstatedFrom) });
            case AffiliationLapsed l:
                return await Affiliation(IntegrationEvent.AffiliationLapsed, l.AffiliationId, new() { ["lapsedOn"] = Day(l.LapsedOn) });
            case AffiliationTerminated t:
                // The cause is a code (death, request…); the free-text reason may name people, so it stays home.
                return await Affiliation(IntegrationEvent.AffiliationTerminated, t.AffiliationId,
                    new() { ["cause"] = t.Cause, ["terminatedOn"] = Day(t.TerminatedOn) });

            case ContributionAccountOpened o:
                links.Account(e.Tenant, o.AccountId, o.AffiliationId);
                return null;
            case ContributionPaid p:
                return await Contribution(IntegrationEvent.ContributionPaid, p.AccountId,
                    new() { ["receipt"] = p.Receipt, ["amount"] = p.Amount, ["paidOn"] = Day(p.PaidOn), ["method"] = p.Method });
            case ContributionReversed r:
                return await Contribution(IntegrationEvent.ContributionReversed, r.AccountId,
                    new() { ["receipt"] = r.Receipt, ["amount"] = r.Amount, ["reversedOn"] = Day(r.ReversedOn) });

            case ClaimSubmitted s:
                links.Claim(e.Tenant, s.Claim.ClaimId, new(s.Claim.BeneficiaryNumber, s.Claim.ProviderId, s.Claim.Claimed, null, 0));
                return null;
            case ClaimAdjudicated a when a.Outcome != ClaimOutcome.PendingReview:
                return await Decided(a.ClaimId, WireNames.Of(a.Outcome), a.RejectionCode, a.Benefit, a.AdjudicatedOn);
            case ClaimReviewed r when !r.NeedsSecondApproval:
                return await Decided(r.ClaimId, WireNames.Of(r.Outcome), r.RejectionCode, r.Benefit, DateOnly.FromDateTime(r.ReviewedAt.UtcDateTime));
            case ClaimReviewed r:
                // Not decided yet: the outcome waits for the second approval (C-9), which announces it.
                if (await links.ClaimOf(e.Tenant, r.ClaimId, ct) is { } reviewed)
                    links.Claim(e.Tenant, r.ClaimId, reviewed with { Outcome = WireNames.Of(r.Outcome), Benefit = r.Benefit });
                return null;
            case ClaimSecondApproved s:
                return await links.ClaimOf(e.Tenant, s.ClaimId, ct) is { Outcome: { } outcome } approved
                    ? await Decided(s.ClaimId, outcome, null, approved.Benefit, DateOnly.FromDateTime(s.ApprovedAt.UtcDateTime))
                    : null;
            case ClaimPaid p:
                return await links.ClaimOf(e.Tenant, p.ClaimId, ct) is { } paid
                    ? Entry(IntegrationEvent.ClaimPaid, p.ClaimId.ToString(), new()
                    {
                        ["claimId"] = p.ClaimId.ToString(), ["beneficiary"] = paid.Beneficiary, ["provider"] = paid.Provider,
                        ["benefit"] = paid.Benefit, ["batchId"] = p.BatchId.ToString(), ["paidOn"] = Day(p.PaidOn),
                    })
                    : null;

            case RemittanceSubmitted s:
                return Entry(IntegrationEvent.RemittanceSubmitted, s.RemittanceId.ToString(),
                    new() { ["remittanceId"] = s.RemittanceId.ToString(), ["submittedOn"] = Day(s.SubmittedOn) });
            case Reports.ReportPublished r:
                return Entry(IntegrationEvent.ReportPublished, $"{r.Kind}/{e.Tenant}/{r.Period}", new()
                {
                    ["kind"] = r.Kind, ["tenant"] = e.Tenant, ["period"] = r.Period, ["position"] = r.Position, ["sha256"] = r.Sha256,
                });
            default:
                return null;
        }

        // The claim's outcome and amounts, never its diagnoses (fund-api.md: minimal personal data).
        async Task<FeedEntry?> Decided(Guid claimId, string outcome, string? rejection, long benefit, DateOnly decidedOn)
        {
            if (await links.ClaimOf(e.Tenant, claimId, ct) is not { } claim) return null;
            links.Claim(e.Tenant, claimId, claim with { Outcome = outcome, Benefit = benefit });
            return Entry(IntegrationEvent.ClaimDecided, claimId.ToString(), new()
            {
                ["claimId"] = claimId.ToString(), ["beneficiary"] = claim.Beneficiary, ["provider"] = claim.Provider,
                ["outcome"] = outcome, ["rejectionCode"] = rejection, ["claimed"] = claim.Claimed, ["benefit"] = benefit,
                ["decidedOn"] = Day(decidedOn),
            });
        }

        async Task<FeedEntry?> Removed(Guid person, string cause, DateOnly on) =>
            await links.NumberOf(e.Tenant, person, ct) is { } number
                ? Entry(IntegrationEvent.BeneficiaryRemoved, number, new() { ["beneficiary"] = number, ["cause"] = cause, ["removedOn"] = Day(on) })
                : null;

        // An affiliation's subject is the beneficiary number of its household's member at that moment.
        async Task<FeedEntry?> Affiliation(string type, Guid affiliationId, JsonObject data)
        {
            if (await links.AffiliationOf(e.Tenant, affiliationId, ct) is not { } affiliation
                || await links.HouseholdOf(e.Tenant, affiliation.HouseholdId, ct) is not { } household
                || await links.NumberOf(e.Tenant, household.MemberId, ct) is not { } member) return null;
            data["affiliationId"] = affiliationId.ToString();
            data["scheme"] = affiliation.Scheme;
            data["member"] = member;
            return Entry(type, member, data);
        }

        async Task<FeedEntry?> Contribution(string type, Guid accountId, JsonObject data)
        {
            if (await links.AccountOf(e.Tenant, accountId, ct) is not { } affiliationId) return null;
            var entry = await Affiliation(type, affiliationId, data);
            return entry;
        }
    }

    private static JsonObject Beneficiary(string number, string sex, int birthYear, string? locality, string relationship, DateOnly on) => new()
    {
        ["beneficiary"] = number, ["sex"] = sex, ["birthYear"] = birthYear, ["locality"] = locality,
        ["relationship"] = relationship, ["addedOn"] = Day(on),
    };

    /// <summary>The locality as the Fund codes it (fund-api.md): the commune's code, null when it has none.</summary>
    public static string? LocalityCode(Locality l) => LocalityCodes.Of(l);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
