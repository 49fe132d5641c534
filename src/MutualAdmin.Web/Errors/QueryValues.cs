namespace MutualAdmin.Web.Errors;

/// <summary>
/// Query parameters and route values carrying control characters are a 400 naming the parameter,
/// before any endpoint sees them: no field of the platform holds one, and PostgreSQL cannot take a
/// NUL in text at all (it failed the request with a 500).
/// </summary>
public static class QueryValues
{
    public static Task RefuseControlCharacters(HttpContext http, Func<Task> next)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, values) in http.Request.Query)
            if (HasControl(name) || values.Any(HasControl))
                errors[HasControl(name) ? "$query" : name] = ["must not contain control characters"];
        foreach (var (name, value) in http.Request.RouteValues)
            if (value is string text && HasControl(text))
                errors[name] = ["must not contain control characters"];
        return errors.Count > 0 ? throw new RequestValidationException(errors) : next();
    }

    private static bool HasControl(string? text) => text is not null && text.Any(char.IsControl);
}
