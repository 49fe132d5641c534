using System.CommandLine;
using System.Text.Json;
using MutualAdmin.Web.Hosting;

namespace MutualAdmin.Web.Audit;

/// <summary>`verify [--tenant t] [--out file.json]`: the full verification from the command line, with progress.</summary>
public static class VerifyVerb
{
    public static Command Build()
    {
        var tenant = new Option<string?>("--tenant") { Description = "One mutual's chain and reports (default: all)." };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the JSON verification report (default: verification-<time>.json)." };
        var command = new Command("verify", "Check the hash chain, compare every projection with a replay of the log, regenerate published reports.")
            { tenant, output };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await App.Services(ct);
            var progress = new Progress<Verification.Progress>(p => Console.Error.Write(
                $"\r{p.Done:N0} / {p.Total:N0} events, {p.RatePerSecond:N0}/s, {(p.TimeLeft is { } left ? $"{left.TotalSeconds:N0} s left" : "")}   "));
            var result = await services.GetRequiredService<Verification>().Run(parse.GetValue(tenant), progress, ct);
            Console.Error.WriteLine();
            Console.Write(result.Summary());
            var file = parse.GetValue(output)?.FullName ?? $"verification-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json";
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), ct);
            Console.WriteLine($"report written to {file}");
            return result.Passed ? 0 : 1;
        });
        return command;
    }
}
