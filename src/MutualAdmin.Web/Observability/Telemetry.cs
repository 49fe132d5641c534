using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MutualAdmin.Web.Observability;

/// <summary>
/// OpenTelemetry traces and metrics: the ASP.NET Core instrumentation, Npgsql's own source and ours.
/// They are exported (OTLP) only when OTEL_EXPORTER_OTLP_ENDPOINT is configured; otherwise nothing
/// leaves the process, so a newcomer's `dotnet run` needs no collector.
/// </summary>
public static class Telemetry
{
    public const string Name = "MutualAdmin";

    /// <summary>Spans of our own work worth seeing in a trace (a publication, a rebuild…).</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Counters and histograms of our own, under the same name.</summary>
    public static readonly Meter Meter = new(Name);

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(Name))
            .WithTracing(t => t.AddSource(Name, "Npgsql").AddAspNetCoreInstrumentation())
            .WithMetrics(m => m.AddMeter(Name, "Npgsql").AddAspNetCoreInstrumentation());
        // The OTLP exporter reads the endpoint, headers and protocol from the standard OTEL_* settings itself.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) otel.UseOtlpExporter();
        return builder;
    }
}
