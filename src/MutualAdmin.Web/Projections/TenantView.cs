using System.Text.RegularExpressions;
using MutualAdmin.EventStore.Projections;

namespace MutualAdmin.Web.Projections;

/// <summary>
/// What a mutual's staff may see of the shared projections: their own mutual's dead letters, with the
/// error's first line and no stack trace or source path, and no other mutual's counts or error text.
/// Platform administrators see everything as it is.
/// </summary>
public static partial class TenantView
{
    public const string PausedByPlatform = "paused by the platform's administrators";

    public static IReadOnlyList<DeadLetter> DeadLetters(IEnumerable<DeadLetter> all, string tenant) =>
        [.. all.Where(l => l.Tenant == tenant).Select(l => l with { Error = Summary(l.Error) })];

    /// <summary>
    /// The status with this mutual's open dead letters only; a pause's reason can quote another mutual's
    /// failing event, so it is told only as a pause.
    /// </summary>
    public static IReadOnlyList<ProjectionStatus> Status(IEnumerable<ProjectionStatus> all, IReadOnlyList<DeadLetter> own) =>
        [.. all.Select(s => s with
        {
            OpenDeadLetters = own.Count(l => l.Projection == s.Name && l.Generation == s.Generation),
            PausedReason = s.PausedReason is null ? null : PausedByPlatform,
        })];

    /// <summary>The first line of an exception's text ("Type: message"), without the inner exceptions, frames or file paths.</summary>
    public static string Summary(string error)
    {
        var first = error.Split('\n', 2)[0].Split(" ---> ", 2)[0].TrimEnd('\r');
        return Path().Replace(first, "…");
    }

    // A path has at least two separators (/home/x/…, C:\src\…), so "1/2" or "a/b" in a message is left alone.
    [GeneratedRegex(@"(?<=^|[\s'""(=])(?:[A-Za-z]:)?[\\/][^\s'"")]*[\\/][^\s'"")]*")]
    private static partial Regex Path();
}
