namespace MutualAdmin.Domain;

/// <summary>A field of a command or document that failed validation, named by its JSON path.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// A command refused by a rule of the rulebook. <see cref="Rule"/> is the rule id of domain.md
/// (e.g. "E-4") so a refusal can be traced to its rule; <see cref="Code"/> is a stable machine code
/// that the host maps to a problem-details type.
/// </summary>
public class DomainError : Exception
{
    public DomainError(string rule, string code, string message, string? field = null)
        : base(message)
    {
        Rule = rule;
        Code = code;
        Field = field;
        Errors = field is null ? [] : [new FieldError(field, message)];
    }

    public DomainError(string rule, string code, IReadOnlyList<FieldError> errors)
        : base(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
    {
        Rule = rule;
        Code = code;
        Field = errors.Count > 0 ? errors[0].Field : null;
        Errors = errors;
    }

    public string Rule { get; }
    public string Code { get; }
    public string? Field { get; }
    public IReadOnlyList<FieldError> Errors { get; }
}
