namespace MutualAdmin.Domain.Schemes;

// The wire vocabularies of domain.md, kept as strings so that scheme documents, commands and events
// carry exactly what the Fund sends; `All` is what validation checks membership against.

/// <summary>S-4.</summary>
public static class SubsidyCategory
{
    public const string Standard = "standard", Indigent = "indigent", None = "none";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Standard, Indigent, None };
}

/// <summary>S-5.</summary>
public static class BenefitCategory
{
    public const string Consultation = "consultation", Laboratory = "laboratory", Imaging = "imaging",
        Medicine = "medicine", Hospitalisation = "hospitalisation", Surgery = "surgery",
        Maternity = "maternity", Emergency = "emergency";
    public static readonly IReadOnlySet<string> All = new HashSet<string>
        { Consultation, Laboratory, Imaging, Medicine, Hospitalisation, Surgery, Maternity, Emergency };
}

public static class ProviderLevel
{
    public const string HealthPost = "health-post", HealthCentre = "health-centre",
        DistrictHospital = "district-hospital", RegionalHospital = "regional-hospital";
    public static readonly IReadOnlySet<string> All = new HashSet<string>
        { HealthPost, HealthCentre, DistrictHospital, RegionalHospital };
    /// <summary>C-6: the levels that need a referral.</summary>
    public static bool IsHospital(string level) => level is DistrictHospital or RegionalHospital;
}

/// <summary>E-1.</summary>
public static class OccupationCategory
{
    public const string Agriculture = "agriculture", Trade = "trade", Crafts = "crafts",
        Transport = "transport", DomesticWork = "domestic-work", WastePicking = "waste-picking",
        Fishing = "fishing", Other = "other";
    public static readonly IReadOnlySet<string> All = new HashSet<string>
        { Agriculture, Trade, Crafts, Transport, DomesticWork, WastePicking, Fishing, Other };
}

/// <summary>C-1.</summary>
public static class VisitType
{
    public const string Outpatient = "outpatient", Inpatient = "inpatient", Emergency = "emergency",
        Maternity = "maternity";
    public static readonly IReadOnlySet<string> All = new HashSet<string>
        { Outpatient, Inpatient, Emergency, Maternity };
}

/// <summary>E-1, S-6.</summary>
public static class Sex
{
    public const string Female = "F", Male = "M";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Female, Male };
}
