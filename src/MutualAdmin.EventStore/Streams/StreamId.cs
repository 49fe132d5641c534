namespace MutualAdmin.EventStore.Streams;

/// <summary>
/// A stream is named inside its tenant; carrying the tenant in the id lets a session refuse another
/// tenant's stream before any SQL runs.
/// </summary>
public readonly record struct StreamId
{
    public StreamId(string tenant, string key)
    {
        Names.Check(tenant, nameof(tenant));
        Names.Check(key, nameof(key));
        Tenant = tenant;
        Key = key;
    }

    public string Tenant { get; }
    public string Key { get; }

    public override string ToString() => $"{Tenant}/{Key}";
}

/// <summary>Ids, keys and type aliases go into the hash chain line by line, so they hold no control characters.</summary>
internal static class Names
{
    public static void Check(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200 || value.Any(char.IsControl))
            throw new InvalidAppendException($"{what} must be 1-200 characters without control characters: '{value}'");
    }
}
