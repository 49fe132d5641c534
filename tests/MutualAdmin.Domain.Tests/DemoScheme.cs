using MutualAdmin.Domain.Schemes;
using static MutualAdmin.Domain.Schemes.ProviderLevel;

namespace MutualAdmin.Domain.Tests;

/// <summary>The CSU-BASE parameters of domain.md S-3…S-6 with a few tariffs for the claim rules.</summary>
public static class DemoScheme
{
    public static readonly DateOnly EffectiveFrom = new(2026, 1, 1);

    public static SchemeVersion CsuBase => new(
        "CSU-BASE", 1, EffectiveFrom, "XOF", 7000, 90, 30, 300000, 90, 100000, 5, 250000, 10,
        new Dictionary<string, int> { ["standard"] = 50, ["indigent"] = 100, ["none"] = 0 },
        new Dictionary<string, int>
        {
            ["consultation"] = 80, ["laboratory"] = 80, ["imaging"] = 70, ["medicine"] = 70,
            ["hospitalisation"] = 90, ["surgery"] = 90, ["maternity"] = 100, ["emergency"] = 90,
        },
        [
            new("CONS-GEN", "General consultation", "consultation", 2000, [HealthPost, HealthCentre], null, null, null, 1, 1),
            new("LAB-MAL", "Malaria test", "laboratory", 1500, [HealthPost, HealthCentre, DistrictHospital, RegionalHospital], null, null, null, 2, null),
            new("DRUG-AMOX", "Amoxicillin 500 mg", "medicine", 100, [HealthPost, HealthCentre, DistrictHospital, RegionalHospital], null, null, null, 30, null),
            new("HOSP-DAY", "Hospital day", "hospitalisation", 10000, [DistrictHospital, RegionalHospital], null, null, null, 30, null),
            new("DELIV", "Normal delivery", "maternity", 25000, [HealthCentre, DistrictHospital, RegionalHospital], "F", 12, 55, 1, 180),
            new("SURG-CS", "Caesarean section", "surgery", 150000, [DistrictHospital, RegionalHospital], "F", 12, 55, 1, null),
            new("PAED-CONS", "Paediatric consultation", "consultation", 1500, [HealthPost, HealthCentre], null, 0, 5, 1, 7),
        ]);
}
