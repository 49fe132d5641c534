using System.Diagnostics;

namespace MutualAdmin.EventStore.Embedded;

/// <summary>Runs PostgreSQL's programs, through the postgres user when we are root (initdb and postgres refuse root).</summary>
internal static class ServerPrograms
{
    public static bool IsRoot => Environment.UserName == "root";

    public static void GiveToServerUser(string dataDirectory)
    {
        if (!IsRoot) return;
        using var chown = Process.Start("chown", ["-R", "postgres:postgres", dataDirectory]);
        chown.WaitForExit();
        if (chown.ExitCode != 0) throw new InvalidOperationException($"chown of {dataDirectory} to postgres failed");
    }

    /// <summary>Runs the program and throws with its output when it fails.</summary>
    public static async Task Run(string bin, string program, IEnumerable<string> arguments, CancellationToken ct)
    {
        var (exitCode, output) = await Exit(bin, program, arguments, ct);
        if (exitCode != 0) throw new InvalidOperationException($"{program} failed ({exitCode}): {output}");
    }

    /// <summary>`pg_ctl status`: exit code 0 while a server runs on the folder (3 when none does).</summary>
    public static async Task<bool> Running(string bin, string dataDirectory, CancellationToken ct) =>
        (await Exit(bin, "pg_ctl", ["-D", dataDirectory, "status"], ct)).ExitCode == 0;

    private static async Task<(int ExitCode, string Output)> Exit(string bin, string program, IEnumerable<string> arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true };
        if (IsRoot)
        {
            info.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", Path.Combine(bin, program) }) info.ArgumentList.Add(a);
        }
        else info.FileName = Path.Combine(bin, program);
        foreach (var a in arguments) info.ArgumentList.Add(a);

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await error + await output);
    }
}
