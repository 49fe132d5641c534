using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;

namespace MutualAdmin.Web.Ui.Shell;

/// <summary>
/// The UI's words from Texts.resx (English) and Texts.fr.resx, in the signed-in user's language.
/// The culture is passed to each lookup rather than set on the thread: a circuit's work hops threads.
/// </summary>
public sealed partial class Texts(UiSession session)
{
    private static readonly ResourceManager Resources = new(typeof(Texts).FullName!, typeof(Texts).Assembly);

    public CultureInfo Culture => CultureInfo.GetCultureInfo(session.Language);

    public string this[string key] => Resources.GetString(key, Culture) ?? key;

    public string Money(long amount) => amount.ToString("N0", Culture);

    /// <summary>Day first in both languages (dd/MM/yyyy): "5/4/2031" is ambiguous in Senegal.</summary>
    public string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A moment, day first and in the 24-hour clock, in both languages.</summary>
    public string Moment(DateTimeOffset? at) => at?.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// The API's reason for a field ("E-1 REQUIRED: is required") in the user's words: the code picks the
    /// sentence (Reason.CODE); the rule id is left to the support details. A code with no sentence yet
    /// keeps the API's own words after the code.
    /// </summary>
    public string Reason(string raw)
    {
        var m = Coded().Match(raw);
        if (!m.Success) return raw;
        return Known($"Reason.{m.Groups["code"].Value}") ?? m.Groups["text"].Value;
    }

    /// <summary>The words for a refusal's code, when there are any.</summary>
    public string? Known(string key) => Resources.GetString(key, Culture);

    [GeneratedRegex(@"^(?<rule>[A-Z]{1,2}-\d+) (?<code>[A-Z0-9_]+): ?(?<text>.*)$", RegexOptions.Singleline)]
    private static partial Regex Coded();
}
