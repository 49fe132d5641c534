using System.Collections.Concurrent;
using System.Text.Json;

namespace MutualAdmin.Faults.Load;

/// <summary>One HTTP exchange as the client saw it: no answer at all is a null status with the error.</summary>
public sealed record Attempt(DateTime At, double Milliseconds, int? Status, string? RetryAfter, string? Error, string? ProblemType);

/// <summary>
/// One write a client meant to make (register a household, affiliate it, approve, pay, claim), with
/// its Idempotency-Key and body, every attempt it took, and the answer it ended with. A write is
/// acknowledged when a 2xx answer reached the client; it is in doubt when none did.
/// </summary>
public sealed class Operation(string kind, string key, string path, string body)
{
    public string Kind { get; } = kind;
    public string Key { get; } = key;
    public string Path { get; } = path;
    public string Body { get; } = body;
    public List<Attempt> Attempts { get; } = [];
    public JsonElement? Answer { get; set; }

    /// <summary>What the checker looks for: the household's name, the receipt, the claim reference.</summary>
    public string Mark { get; init; } = "";

    public int? FinalStatus => Attempts.Count == 0 ? null : Attempts[^1].Status;
    public bool Acknowledged => FinalStatus is >= 200 and < 300;

    /// <summary>The platform says an earlier attempt wrote but its answer is lost (idempotency-key-answer-lost).</summary>
    public bool AnswerLost => Attempts.Count > 0 && Attempts[^1].ProblemType?.EndsWith("idempotency-key-answer-lost", StringComparison.Ordinal) == true;
}

/// <summary>Every operation every client made, in the order they were begun.</summary>
public sealed class Ledger
{
    private readonly ConcurrentQueue<Operation> operations = new();

    public Operation Begin(string kind, string path, object body, string mark)
    {
        var operation = new Operation(kind, Guid.NewGuid().ToString("N"), path, JsonSerializer.Serialize(body)) { Mark = mark };
        operations.Enqueue(operation);
        return operation;
    }

    public IReadOnlyList<Operation> Operations => [.. operations];

    public IEnumerable<Attempt> Attempts => operations.SelectMany(o => { lock (o.Attempts) return o.Attempts.ToList(); });
}
