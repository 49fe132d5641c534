namespace MutualAdmin.EventStore.Embedded;

/// <summary>
/// A running server as its postmaster.pid describes it (PostgreSQL's lock file: pid, data folder,
/// start time, port, socket folder, listen address…), which is how a second process finds the cluster.
/// </summary>
internal sealed record Postmaster(int Pid, string StartedAt, int Port, string Host)
{
    /// <summary>Identifies this run of the server: the pid alone may be reused after a restart.</summary>
    public string Identity => $"{Pid} {StartedAt}";

    public static Postmaster? Read(string dataDirectory)
    {
        string[] lines;
        try { lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid")); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        if (lines.Length < 6 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port)) return null;
        var socketFolder = lines[4].Trim();
        var listen = lines[5].Trim();
        var host = socketFolder.Length > 0 ? socketFolder : listen is "" or "*" or "0.0.0.0" ? "127.0.0.1" : listen;
        return new Postmaster(pid, lines[2].Trim(), port, host);
    }
}

/// <summary>
/// Who is answerable for stopping the running server, kept beside the data folder: the process that
/// started it, or nobody once that process has left it running for others ("handed over").
/// </summary>
internal static class Starter
{
    private static string PathOf(string dataDirectory) => dataDirectory.TrimEnd('/') + ".starter";

    public static void Record(string dataDirectory, Postmaster server, int processId) =>
        File.WriteAllText(PathOf(dataDirectory), $"{processId} {server.Identity}");

    public static void HandOver(string dataDirectory, Postmaster server) => Record(dataDirectory, server, 0);

    public static void Forget(string dataDirectory) => File.Delete(PathOf(dataDirectory));

    /// <summary>
    /// True when a MutualAdmin process started this very run of the server and has since handed it
    /// over or died: the last process out may then stop it. A server started by hand is never ours.
    /// </summary>
    public static bool Orphaned(string dataDirectory, Postmaster server)
    {
        string[] parts;
        try { parts = File.ReadAllText(PathOf(dataDirectory)).Split(' ', 2); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        if (parts.Length < 2 || parts[1] != server.Identity || !int.TryParse(parts[0], out var starter)) return false;
        return starter == 0 || !Alive(starter);
    }

    private static bool Alive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
    }
}
