using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MutualAdmin.Web.Tests.Schemes;

/// <summary>The fund-api.md "Schemes" example document, to publish as it is or with one field changed.</summary>
public static class SchemeDocuments
{
    public static JsonObject Valid(string code, string effectiveFrom = "2026-01-01") => JsonNode.Parse($$"""
        { "code": "{{code}}", "effectiveFrom": "{{effectiveFrom}}", "currency": "XOF",
          "contributionPerBeneficiary": 7000, "waitingPeriodDays": 90, "gracePeriodDays": 30,
          "annualCeilingPerBeneficiary": 300000, "claimDeadlineDays": 90,
          "reviewThreshold": 100000, "reviewSamplePercent": 5, "fourEyesThreshold": 250000,
          "adminFeePercent": 10,
          "subsidyPercent": { "standard": 50, "indigent": 100, "none": 0 },
          "coverageRatePercent": { "consultation": 80, "laboratory": 80, "imaging": 70, "medicine": 70,
                                   "hospitalisation": 90, "surgery": 90, "maternity": 100, "emergency": 90 },
          "tariffs": [
            { "code": "CONS-GEN", "description": "General consultation", "category": "consultation",
              "maxUnitPrice": 2000, "levels": ["health-post", "health-centre"],
              "sex": null, "minAgeYears": null, "maxAgeYears": null,
              "maxQuantityPerClaim": 1, "minIntervalDays": 1 },
            { "code": "LAB-MAL", "description": "Malaria rapid test", "category": "laboratory",
              "maxUnitPrice": 1000, "levels": ["health-post"],
              "sex": null, "minAgeYears": null, "maxAgeYears": null,
              "maxQuantityPerClaim": 1, "minIntervalDays": null } ] }
        """)!.AsObject();

    public static JsonObject With(this JsonObject document, Action<JsonObject> change)
    {
        change(document);
        return document;
    }

    public static Task<HttpResponseMessage> Publish(this HttpClient client, JsonObject document) =>
        client.PostAsJsonAsync("/fund/v1/schemes", document);
}

public sealed record PublishedScheme(string Code, int Version);
