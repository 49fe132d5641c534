using System.Text.Json;
using System.Text.Json.Serialization;

namespace MutualAdmin.Domain;

/// <summary>
/// Serialises a domain enum as its kebab-case wire name (<c>PartiallyApproved</c> ⇄
/// <c>"partially-approved"</c>), the spelling domain.md and the Fund API use.
/// </summary>
public sealed class WireEnum<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where T : struct, Enum;

public static class WireNames
{
    public static string Of<T>(T value) where T : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
