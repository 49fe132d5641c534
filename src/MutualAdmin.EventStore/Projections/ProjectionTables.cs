using System.Text.RegularExpressions;
using MutualAdmin.EventStore.Events;

namespace MutualAdmin.EventStore.Projections;

/// <summary>The physical names of one generation of a projection's tables.</summary>
public sealed partial record ProjectionTables(int Generation)
{
    /// <summary><c>tables["balances"]</c> is <c>balances_v3</c> in generation 3.</summary>
    public string this[string table] => Physical(table, Generation);

    internal static string Physical(string table, int generation) => $"{table}_v{generation}";

    /// <summary>Table names go into DDL as identifiers, so only plain lower-case ones are allowed.</summary>
    internal static void Check(IProjection projection)
    {
        foreach (var table in projection.Tables)
            if (!Identifier().IsMatch(table))
                throw new ArgumentException($"projection {projection.Name}: table name '{table}' must match [a-z_][a-z0-9_]{{0,50}}");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,50}$")]
    private static partial Regex Identifier();
}

/// <summary>Events in position order, and the generation of tables they are applied to.</summary>
public sealed record ProjectionBatch(IReadOnlyList<RecordedEvent> Events, ProjectionTables Tables);
