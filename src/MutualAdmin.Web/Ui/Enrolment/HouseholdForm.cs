

namespace MutualAdmin.Web.Ui.Enrolment;

/// <summary>
/// A household as the officer types it, sent as the body of <c>POST /api/members</c>. Nothing is
/// checked here: the server's rules answer, field by field, so there is one source of truth.
/// </summary>
public sealed class HouseholdForm
{
    public PersonForm Member { get; } = new() { Relationship = null };
    public List<PersonForm> Dependants { get; } = [];
    public string Region { get; set; } = "";
    public string District { get; set; } = "";
    public string Commune { get; set; } = "";
    public string OccupationCategory { get; set; } = "";
    public bool ConfirmedNotDuplicate { get; set; }
    public bool ConfirmedChildOlderThanMember { get; set; }

    /// <summary>
    /// E-3: the server refused a child born before the member; the form then offers the confirmation,
    /// as it offers E-4's, rather than showing it to every officer on every household.
    /// </summary>
    public static bool AsksChildConfirmation(Shell.Problem? problem) =>
        problem?.Errors.Values.Any(reasons => reasons.Any(r => r.Contains("CHILD_OLDER_THAN_MEMBER", StringComparison.Ordinal))) == true;

    /// <summary>
    /// The fields left empty, each under its request path, so the form names them all at once; the
    /// server still judges everything else (one source of truth).
    /// </summary>
    public IReadOnlyDictionary<string, string> Missing()
    {
        var missing = new Dictionary<string, string>();
        Member.Missing("member", missing);
        for (var i = 0; i < Dependants.Count; i++) Dependants[i].Missing($"dependants[{i}]", missing);
        if (string.IsNullOrWhiteSpace(Region)) missing["locality.region"] = Required;
        if (string.IsNullOrWhiteSpace(District)) missing["locality.district"] = Required;
        if (string.IsNullOrWhiteSpace(Commune)) missing["locality.commune"] = Required;
        if (string.IsNullOrWhiteSpace(OccupationCategory)) missing["occupationCategory"] = Required;
        return missing;
    }

    /// <summary>Written as the API writes a reason, so that the page puts it in words the same way.</summary>
    internal const string Required = "E-1 REQUIRED: is required";

    public object Body() => new
    {
        member = Member.Body(),
        locality = new { region = Region, district = District, commune = Commune },
        occupationCategory = OccupationCategory,
        dependants = Dependants.Count == 0 ? null : Dependants.Select(d => d.Body()).ToArray(),
        confirmedNotDuplicate = ConfirmedNotDuplicate,
        confirmedChildOlderThanMember = ConfirmedChildOlderThanMember,
    };
}

public sealed class PersonForm
{
    public string FullName { get; set; } = "";
    public string Sex { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    public string? Phone { get; set; }
    public string? NationalId { get; set; }
    public string SubsidyCategory { get; set; } = Domain.Schemes.SubsidyCategory.Standard;
    public string? RegistryReference { get; set; }
    public string? Relationship { get; set; } = Domain.Enrolment.Relationship.Child;

    public void Missing(string path, Dictionary<string, string> missing)
    {
        if (string.IsNullOrWhiteSpace(FullName)) missing[$"{path}.fullName"] = HouseholdForm.Required;
        if (string.IsNullOrWhiteSpace(Sex)) missing[$"{path}.sex"] = HouseholdForm.Required;
        if (BirthDate is null) missing[$"{path}.birthDate"] = HouseholdForm.Required;
    }

    public object Body() => new
    {
        fullName = FullName, sex = Sex, birthDate = BirthDate, phone = Blank(Phone), nationalId = Blank(NationalId),
        subsidyCategory = SubsidyCategory, registryReference = Blank(RegistryReference), relationship = Relationship,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
