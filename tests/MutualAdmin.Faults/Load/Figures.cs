using System.Globalization;

namespace MutualAdmin.Faults.Load;

/// <summary>
/// What a case measured, as the README's table shows it. Sent counts HTTP requests (every attempt);
/// operations are the writes the clients meant; in doubt are those never answered before the run gave
/// up. Unavailable is the time from the fault to the first acknowledged write among those sent after it
/// began; recovery, from the fault's end (host ready again, PostgreSQL restarted, SIGCONT) to the
/// first acknowledged write among those sent after it ended.
/// </summary>
public sealed record Figures(string Case, int Sent, int Operations, int Acknowledged, int InDoubt, int Lost, int Duplicated,
    double? UnavailableSeconds, double? RecoverySeconds, string Statuses, string Notes)
{
    public static Figures Of(string name, Ledger ledger, Checker? checker, DateTime? faultAt, DateTime? liftedAt, string notes)
    {
        var attempts = ledger.Attempts.ToList();
        var operations = ledger.Operations;
        // The first write acknowledged among those sent after the fault began, and after it ended.
        DateTime? FirstAcknowledgedSentAfter(DateTime? moment) => moment is { } m
            ? attempts.Where(a => a.Status is >= 200 and < 300 && a.At >= m).Select(a => (DateTime?)a.At.AddMilliseconds(a.Milliseconds)).Min()
            : null;
        var afterFault = FirstAcknowledgedSentAfter(faultAt);
        var afterLift = FirstAcknowledgedSentAfter(liftedAt);
        var statuses = ByStatus(attempts);
        return new Figures(name, attempts.Count, operations.Count, operations.Count(o => o.Acknowledged),
            operations.Count(o => o.FinalStatus is null or 503 || (o.FinalStatus == 409 && !o.AnswerLost && o.Attempts[^1].ProblemType?.EndsWith("in-progress", StringComparison.Ordinal) == true)),
            checker?.Lost ?? 0, checker?.Duplicated ?? 0,
            afterFault is { } f ? (f - faultAt!.Value).TotalSeconds : null,
            afterLift is { } l ? (l - liftedAt!.Value).TotalSeconds : null,
            statuses, notes);
    }

    /// <summary>Answers by status ("none": no answer at all); a 409 also by its problem type, e.g. 409 idempotency-key-answer-lost.</summary>
    public static string ByStatus(IEnumerable<Attempt> attempts) => string.Join(" ", attempts
        .GroupBy(a => a.Status is 409 && a.ProblemType is { } type ? $"409 {type.Split('/')[^1]}" : a.Status?.ToString(CultureInfo.InvariantCulture) ?? "none")
        .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}"));

    public override string ToString() => FormattableString.Invariant(
        $"| {Case} | {Sent} | {Operations} | {Acknowledged} | {InDoubt} | {Lost} | {Duplicated} | {Seconds(UnavailableSeconds)} | {Seconds(RecoverySeconds)} | {Statuses} | {Notes} |");

    private static string Seconds(double? s) => s is { } v ? FormattableString.Invariant($"{v:F1} s") : "–";

    /// <summary>Appends the row to faults-figures.md beside the harness and to the test's output.</summary>
    public void Record()
    {
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "faults-figures.md"),
            FormattableString.Invariant($"{DateTime.UtcNow:u} {this}\n"));
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine(ToString());
    }
}
