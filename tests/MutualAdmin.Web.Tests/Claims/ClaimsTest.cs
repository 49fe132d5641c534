using System.Net.Http.Json;
using System.Text.Json;
using MutualAdmin.Domain.Enrolment;
using MutualAdmin.Testing;
using MutualAdmin.Web.Platform;
using MutualAdmin.Web.Reference;
using MutualAdmin.Web.Seeding;
using MutualAdmin.Web.Tests.Contributions;
using MutualAdmin.Web.Tests.Schemes;

namespace MutualAdmin.Web.Tests.Claims;

/// <summary>
/// A mutual with two contracted providers, a few ICD-10 codes, and a second version of CSU-BASE in
/// force from 60 days on (S-2) whose tariffs the claims use; households are affiliated and paid up
/// today, and claims arrive <see cref="Later"/> days on, once the 90-day waiting period is over.
/// </summary>
public abstract class ClaimsTest(TestCluster cluster) : ContributionsTest(cluster)
{
    protected const string HealthCentre = "hc-joal", Hospital = "dh-mbour";
    protected const int Later = 150;
    protected HttpClient ClaimsOfficer { get; private set; } = null!;
    protected HttpClient Reviewer { get; private set; } = null!;
    protected HttpClient SecondReviewer { get; private set; } = null!;
    protected HttpClient Provider { get; private set; } = null!;
    protected HttpClient OtherProvider { get; private set; } = null!;
    protected HttpClient Fund { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Fund = await FundClient();
        (await Fund.Publish(SchemeDocuments.Valid("CSU-BASE", Today.AddDays(60).ToString("yyyy-MM-dd")).With(ClaimsScheme))).EnsureSuccessStatusCode();
        var reference = Service<ReferenceData>();
        var joal = new Locality("Thiès", "Mbour", "Joal-Fadiouth");
        await reference.SaveProvider(new ProviderSeed(HealthCentre, "Centre de santé de Joal", "health-centre", "thies", joal, "CT-2026-01"), default);
        await reference.SaveProvider(new ProviderSeed(Hospital, "Hôpital de district de Mbour", "district-hospital", "thies", joal, "CT-2026-02"), default);
        await reference.SaveIcd10([new("B54", "Malaria"), new("A09", "Diarrhoea"), new("J06.9", "Upper respiratory infection"),
            new("K35.8", "Acute appendicitis"), new("O80", "Single spontaneous delivery")], default);
        await Service<StaffUsers>().Create("thies", "reviewer2@thies", "Second reviewer", Password, ["medical-reviewer"], "en", default);
        ClaimsOfficer = await SignedIn("claims-officer@thies");
        Reviewer = await SignedIn("medical-reviewer@thies");
        SecondReviewer = await SignedIn("reviewer2@thies");
        Provider = await ProviderClient("thies", HealthCentre);
        OtherProvider = await ProviderClient("thies", Hospital);
    }

    /// <summary>Version 2 of the scheme: no random sample (tests choose who is reviewed), and the tariffs below.</summary>
    private static void ClaimsScheme(System.Text.Json.Nodes.JsonObject scheme)
    {
        scheme["reviewSamplePercent"] = 0;
        scheme["tariffs"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""
            { "code": "IMG-ECHO", "description": "Ultrasound", "category": "imaging", "maxUnitPrice": 20000,
              "levels": ["health-centre", "district-hospital"], "sex": null, "minAgeYears": null, "maxAgeYears": null,
              "maxQuantityPerClaim": 1, "minIntervalDays": null }
            """));
        scheme["tariffs"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""
            { "code": "SURG-APP", "description": "Appendectomy", "category": "surgery", "maxUnitPrice": 290000,
              "levels": ["health-centre", "district-hospital"], "sex": null, "minAgeYears": null, "maxAgeYears": null,
              "maxQuantityPerClaim": 1, "minIntervalDays": null }
            """));
        scheme["tariffs"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""
            { "code": "MED-AMOX", "description": "Amoxicillin 500 mg", "category": "medicine", "maxUnitPrice": 150,
              "levels": ["health-post", "health-centre", "district-hospital"], "sex": null, "minAgeYears": null, "maxAgeYears": null,
              "maxQuantityPerClaim": 30, "minIntervalDays": null }
            """));
    }

    /// <summary>A household of one, affiliated and paid for the year today (real time): covered from day 90.</summary>
    protected async Task<string> CoveredBeneficiary(string name = "Awa Diop")
    {
        var offset = Clock.Offset;
        Clock.Offset = TimeSpan.Zero;
        var a = await Affiliate("annual", name: name);
        (await Pay(Cashier, a.Affiliation, $"R-{Guid.NewGuid():N}"[..20], 3500)).EnsureSuccessStatusCode();
        Clock.Offset = offset;
        return a.Number;
    }

    /// <summary>Moves the business clock to <see cref="Later"/> days on; claims are dated from there.</summary>
    protected DateOnly ClaimsDay()
    {
        Clock.Offset = TimeSpan.FromDays(Later);
        return Clock.Today;
    }

    protected static object Line(string tariff, int quantity, long price) => new { tariffCode = tariff, quantity, claimedUnitPrice = price };

    protected static object Claim(string reference, string beneficiary, DateOnly serviceDate, object[] lines, string diagnosis = "B54",
        string? providerId = HealthCentre, string visitType = "outpatient", string? referral = null,
        DateOnly? admission = null, DateOnly? discharge = null) => new
    {
        providerId, providerClaimReference = reference, beneficiaryNumber = beneficiary, visitType, serviceDate,
        admissionDate = admission, dischargeDate = discharge, mainDiagnosis = diagnosis, secondaryDiagnoses = Array.Empty<string>(),
        referralReference = referral, lines,
    };

    /// <summary>A paper claim entered by staff.</summary>
    protected static Task<HttpResponseMessage> Submit(HttpClient staff, object claim) => staff.PostAsJsonAsync("/api/claims", claim);

    /// <summary>A claim sent by a provider's system.</summary>
    protected static Task<HttpResponseMessage> Send(HttpClient provider, object claim) => provider.PostAsJsonAsync("/provider/v1/claims", claim);

    protected static async Task<JsonElement> Decided(HttpResponseMessage response)
    {
        var body = await Json(response);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body;
    }

    protected static IEnumerable<(string? Code, long Eligible, long Benefit, long CoPayment)> LinesOf(JsonElement claim) =>
        claim.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("rejectionCode").GetString(), l.GetProperty("eligible").GetInt64(),
            l.GetProperty("benefit").GetInt64(), l.GetProperty("coPayment").GetInt64()));
}
