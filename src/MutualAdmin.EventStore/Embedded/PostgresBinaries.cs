namespace MutualAdmin.EventStore.Embedded;

/// <summary>Finds initdb, pg_ctl and postgres: on PATH first, then in Debian's /usr/lib/postgresql/*/bin (newest first).</summary>
public static class PostgresBinaries
{
    private static readonly string[] Needed = ["initdb", "pg_ctl", "postgres"];

    public static string Find() => Find(
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries),
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin"))
            : []);

    public static string Find(IEnumerable<string> onPath, IEnumerable<string> debian)
    {
        return onPath.Concat(debian).FirstOrDefault(d => Needed.All(b => File.Exists(Path.Combine(d, b))))
            ?? throw new InvalidOperationException(
                "No PostgreSQL server binaries found (initdb, pg_ctl, postgres on PATH or in /usr/lib/postgresql/*/bin). " +
                "Install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@15), " +
                "or set ConnectionStrings__MutualAdmin (MUTUALADMIN_TEST_DB for tests) to an existing database.");
    }
}
