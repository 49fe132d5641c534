using System.Text.Json.Nodes;

namespace MutualAdmin.Web.Fund.Feed;

/// <summary>
/// fund-api.md "Event feed": the public vocabulary the Fund follows. It is versioned and deliberate,
/// not a copy of the internal events, and carries the minimum of personal data: beneficiary number,
/// sex, birth year, locality; never a name, a phone number or a diagnosis.
/// </summary>
public static class IntegrationEvent
{
    private const string Prefix = "org.mutualadmin.";
    public const string AffiliationActivated = Prefix + "affiliation.activated";
    public const string AffiliationSuspended = Prefix + "affiliation.suspended";
    public const string AffiliationReinstated = Prefix + "affiliation.reinstated";
    public const string AffiliationLapsed = Prefix + "affiliation.lapsed";
    public const string AffiliationTerminated = Prefix + "affiliation.terminated";
    public const string BeneficiaryAdded = Prefix + "beneficiary.added";
    public const string BeneficiaryRemoved = Prefix + "beneficiary.removed";
    public const string ContributionPaid = Prefix + "contribution.paid";
    public const string ContributionReversed = Prefix + "contribution.reversed";
    public const string ClaimDecided = Prefix + "claim.decided";
    public const string ClaimPaid = Prefix + "claim.paid";
    public const string RemittanceSubmitted = Prefix + "remittance.submitted";
    public const string ReportPublished = Prefix + "report.published";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        AffiliationActivated, AffiliationSuspended, AffiliationReinstated, AffiliationLapsed, AffiliationTerminated,
        BeneficiaryAdded, BeneficiaryRemoved, ContributionPaid, ContributionReversed, ClaimDecided, ClaimPaid,
        RemittanceSubmitted, ReportPublished,
    };
}

/// <summary>One row of the feed: what a CloudEvent is made of, as of the event's position.</summary>
public sealed record FeedEntry(long Position, Guid Id, string Tenant, string Type, string Subject, DateTimeOffset Time, JsonObject Data);
