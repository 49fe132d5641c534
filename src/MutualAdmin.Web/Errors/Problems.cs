namespace MutualAdmin.Web.Errors;

/// <summary>The stable `type` of every problem the API answers (RFC 9457), decided once, used everywhere.</summary>
public static class Problems
{
    private const string Base = "https://mutualadmin.org/problems/";

    public const string Validation = Base + "validation";
    public const string MalformedRequest = Base + "malformed-request";
    public const string RequestTooLarge = Base + "request-too-large";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string RuleRefused = Base + "rule-refused";
    public const string ConcurrentUpdate = Base + "concurrent-update";
    public const string VersionMismatch = Base + "version-mismatch";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string IdempotencyKeyInvalid = Base + "idempotency-key-invalid";
    public const string IdempotencyKeyInProgress = Base + "idempotency-key-in-progress";
    public const string IdempotencyKeyAnswerLost = Base + "idempotency-key-answer-lost";
    public const string BeneficiaryUnknown = Base + "beneficiary-unknown";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string SignInLocked = Base + "sign-in-locked";
    public const string Unavailable = Base + "unavailable";
    public const string ImpossibleEvent = Base + "impossible-event";
    public const string Unexpected = Base + "unexpected";

    public static string ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => RuleRefused,
        412 => VersionMismatch,
        413 => RequestTooLarge,
        422 => IdempotencyKeyReused,
        429 => TooManyRequests,
        503 => Unavailable,
        _ => Unexpected,
    };
}

/// <summary>Input that failed the endpoint's own checks, field by field (JSON paths in camelCase).</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("the request has invalid fields")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}
