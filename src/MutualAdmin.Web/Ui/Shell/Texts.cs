using System.Globalization;
using System.Resources;

namespace MutualAdmin.Web.Ui.Shell;

/// <summary>
/// The UI's words from Texts.resx (English) and Texts.fr.resx, in the signed-in user's language.
/// The culture is passed to each lookup rather than set on the thread: a circuit's work hops threads.
/// </summary>
public sealed class Texts(UiSession session)
{
    private static readonly ResourceManager Resources = new(typeof(Texts).FullName!, typeof(Texts).Assembly);

    public CultureInfo Culture => CultureInfo.GetCultureInfo(session.Language);

    public string this[string key] => Resources.GetString(key, Culture) ?? key;

    public string Money(long amount) => amount.ToString("N0", Culture);

    public string Date(DateOnly? date) => date?.ToString("d", Culture) ?? "";
}
