namespace MutualAdmin.EventStore.Streams;

/// <summary>What a writer believes about a stream before appending to it.</summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    /// <summary>-1 any, 0 must not exist, n &gt; 0 exactly n: the encoding the append function takes.</summary>
    public long Value { get; }

    public static ExpectedVersion Any { get; } = new(-1);
    public static ExpectedVersion NoStream { get; } = new(0);

    public static ExpectedVersion Exactly(long version) => version switch
    {
        0 => NoStream,
        > 0 => new(version),
        _ => throw new InvalidAppendException($"expected version {version} is not a version: use Any, NoStream or a version from 1"),
    };

    public bool Accepts(long? current) => Value switch
    {
        -1 => true,
        0 => current is null,
        _ => current == Value,
    };

    public override string ToString() => Value switch { -1 => "any", 0 => "no stream", _ => Value.ToString() };
}
