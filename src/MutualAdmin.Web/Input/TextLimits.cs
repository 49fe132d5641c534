using System.Buffers;
using System.Text;

namespace MutualAdmin.Web.Input;

/// <summary>
/// Every text the platform takes, from a form, the API or an import row, has a length limit and no
/// control characters: a NUL that PostgreSQL's text refuses would otherwise dead-letter a projection
/// after the event was written, and a 100,000-character name would be kept for ever. The limits,
/// by kind of field, are stated here and nowhere else; a field is known by its name (camelCase in
/// JSON, snake_case in files).
/// </summary>
public static class TextLimits
{
    /// <summary>Full names, display names.</summary>
    public const int Name = 200;
    /// <summary>Region, district, commune.</summary>
    public const int Place = 100;
    public const int Phone = 32;
    public const int NationalId = 64;
    /// <summary>Registry, bank, claim, referral, household and member references; collector names.</summary>
    public const int Reference = 64;
    /// <summary>K-4: a collector's member receipt is "{reference}/{beneficiary number}", still a receipt.</summary>
    public const int Receipt = 60;
    /// <summary>Vocabulary values and codes (sex, channel, ICD-10, tariff codes, periods…).</summary>
    public const int Code = 64;
    public const int Username = 100;
    public const int Password = 200;
    /// <summary>Reasons and justifications: the only free text, and the only fields that may hold tabs and line breaks.</summary>
    public const int FreeText = 2000;
    /// <summary>Any other text.</summary>
    public const int Other = 200;

    public sealed record Limit(int MaxLength, bool LineBreaks = false);

    private static readonly Dictionary<string, Limit> ByName = new(StringComparer.Ordinal)
    {
        ["fullname"] = new(Name), ["displayname"] = new(Name), ["name"] = new(Name),
        ["region"] = new(Place), ["district"] = new(Place), ["commune"] = new(Place),
        ["phone"] = new(Phone),
        ["nationalid"] = new(NationalId),
        ["receipt"] = new(Receipt),
        ["reason"] = new(FreeText, LineBreaks: true), ["justification"] = new(FreeText, LineBreaks: true),
        ["username"] = new(Username),
        ["password"] = new(Password),
        ["sex"] = new(Code), ["channel"] = new(Code), ["paymentplan"] = new(Code), ["method"] = new(Code), ["payer"] = new(Code),
        ["subsidycategory"] = new(Code), ["relationship"] = new(Code), ["role"] = new(Code), ["roles"] = new(Code),
        ["occupation"] = new(Code), ["occupationcategory"] = new(Code), ["cause"] = new(Code), ["language"] = new(Code),
        ["visittype"] = new(Code), ["maindiagnosis"] = new(Code), ["secondarydiagnoses"] = new(Code), ["tariffcode"] = new(Code),
        ["providerid"] = new(Code), ["schemecode"] = new(Code), ["period"] = new(Code), ["kind"] = new(Code),
        ["beneficiarynumber"] = new(Code), ["birthdate"] = new(Code), ["birthyearestimated"] = new(Code), ["student"] = new(Code),
        ["collector"] = new(Reference), ["reference"] = new(Reference),
    };

    /// <summary>The limit of a field by its name or path ("dependants[0].fullName", "full_name").</summary>
    public static Limit For(string field)
    {
        var leaf = field[(field.LastIndexOf('.') + 1)..];
        if (leaf.IndexOf('[') is var bracket and >= 0) leaf = leaf[..bracket];
        var name = leaf.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        if (ByName.TryGetValue(name, out var limit)) return limit;
        return name.EndsWith("reference", StringComparison.Ordinal) || name.EndsWith("ref", StringComparison.Ordinal)
            ? new(Reference) : new(Other);
    }

    /// <summary>Why the value cannot be taken for this field, or null when it can.</summary>
    public static string? Problem(string field, string? value)
    {
        if (value is null) return null;
        var limit = For(field);
        if (value.Length > limit.MaxLength) return $"TEXT_TOO_LONG: at most {limit.MaxLength} characters";
        foreach (var c in value)
            if (char.IsControl(c) && !(limit.LineBreaks && c is '\t' or '\n' or '\r'))
                return limit.LineBreaks
                    ? $"TEXT_CONTROL_CHARACTER: no control characters (U+{(int)c:X4}) other than tabs and line breaks"
                    : $"TEXT_CONTROL_CHARACTER: no control characters (U+{(int)c:X4}), tabs and line breaks included";
        // A lone surrogate is no character at all and cannot be stored as UTF-8.
        return WellFormed(value) ? null : "TEXT_INVALID: not valid Unicode text";
    }

    private static bool WellFormed(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var used) != OperationStatus.Done) return false;
            rest = rest[used..];
        }
        return true;
    }
}
