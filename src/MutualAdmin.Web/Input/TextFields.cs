using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using MutualAdmin.Web.Errors;

namespace MutualAdmin.Web.Input;

/// <summary>Marks an endpoint whose text input is checked against <see cref="TextLimits"/>.</summary>
public sealed class TextLimited;

/// <summary>
/// Checks every text of a command's input at the edge, before anything is decided or written: the
/// strings of the JSON body however deep (member.fullName, lines[2].tariffCode), and the route and
/// query strings (a collector's name, a transfer reference). One 400 names every field at fault.
/// Reads are left alone: they write nothing.
/// </summary>
public static class TextFields
{
    private const int MaxDepth = 8;

    /// <summary>The readable properties of each request type, found once: the walk runs on every command.</summary>
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static TBuilder LimitText<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TextLimited()).AddEndpointFilterFactory(Filter);

    private static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var inputs = context.MethodInfo.GetParameters().Select((p, i) => (Parameter: p, Index: i))
            .Where(x => IsInput(x.Parameter.ParameterType, services)).ToArray();
        if (inputs.Length == 0) return next;
        return invocation =>
        {
            if (HttpMethods.IsGet(invocation.HttpContext.Request.Method)) return next(invocation);
            var errors = new Dictionary<string, string[]>();
            foreach (var (parameter, index) in inputs)
                Walk(invocation.Arguments[index], parameter.ParameterType == typeof(string) ? parameter.Name! : "", errors, 0);
            return errors.Count > 0 ? throw new RequestValidationException(errors) : next(invocation);
        };
    }

    /// <summary>A string from the route or query, or a request body of ours; never a service the endpoint asks for.</summary>
    private static bool IsInput(Type type, IServiceProviderIsService? services) =>
        type == typeof(string) || (type.IsClass && Ours(type) && services?.IsService(type) != true);

    private static bool Ours(Type type) => type.Namespace?.StartsWith("MutualAdmin", StringComparison.Ordinal) == true;

    private static void Walk(object? value, string path, Dictionary<string, string[]> errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (TextLimits.Problem(path, text) is { } problem) errors[path.Length == 0 ? "$" : path] = [problem];
                return;
            case IEnumerable items when depth < MaxDepth:
                var i = 0;
                foreach (var item in items) Walk(item, $"{path}[{i++}]", errors, depth + 1);
                return;
        }
        if (depth >= MaxDepth || !Ours(value.GetType())) return;
        var properties = Properties.GetOrAdd(value.GetType(), type =>
            [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead)]);
        foreach (var property in properties)
            Walk(property.GetValue(value), path.Length == 0 ? Camel(property.Name) : $"{path}.{Camel(property.Name)}", errors, depth + 1);
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
