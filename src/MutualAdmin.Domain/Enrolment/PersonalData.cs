namespace MutualAdmin.Domain.Enrolment;

/// <summary>
/// Everything about a person that must be erasable on request. Events keep it in this one nested
/// record next to the person's stable id, so the event store can encrypt it with a per-person key and
/// erase it by deleting the key. After erasure the store hands back null, and every rule falls back
/// on what stays: sex, birth year and locality (the minimum the Fund's feed also carries).
/// </summary>
public sealed record PersonalData(
    string FullName,
    DateOnly? BirthDate,
    string? Phone,
    string? NationalId,
    string? RegistryReference);

/// <summary>E-1: where the member lives (not erased: the Fund reports by locality).</summary>
public sealed record Locality(string Region, string District, string Commune);

public static class Relationship
{
    public const string Member = "member", Spouse = "spouse", Child = "child", OtherDependant = "other-dependant";
    public static readonly IReadOnlySet<string> Dependants = new HashSet<string> { Spouse, Child, OtherDependant };
}

/// <summary>E-5.</summary>
public static class Channel
{
    public const string Individual = "individual", Group = "group";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Individual, Group };
}
