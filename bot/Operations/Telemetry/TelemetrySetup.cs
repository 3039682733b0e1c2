using Azure.Core;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TeamsSafeguarding.Operations.Telemetry;

/// <summary>Where telemetry goes, chosen by configuration.</summary>
public enum TelemetryExporter { None, Console, Otlp, AzureMonitor }

/// <summary>
/// OpenTelemetry traces, metrics and logs: the bot's own (<see cref="BotTelemetry"/>) plus ASP.NET Core and HttpClient.
/// Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set (sent with the bot's managed identity, as
/// the Bicep turns key-based ingestion off); else OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; else the console when
/// Telemetry:Console is true; else nothing leaves the process (logs still go to the usual console logger).
/// </summary>
public static class TelemetrySetup
{
    public const string AppInsightsKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ConsoleKey = "Telemetry:Console";
    public const string ServiceName = "teams-safeguarding-bot";

    public static TelemetryExporter ExporterFor(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[AppInsightsKey]) ? TelemetryExporter.AzureMonitor
        : !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]) ? TelemetryExporter.Otlp
        : configuration.GetValue<bool>(ConsoleKey) ? TelemetryExporter.Console
        : TelemetryExporter.None;

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var exporter = ExporterFor(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddSource(BotTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(BotTelemetry.Name));

        if (exporter == TelemetryExporter.AzureMonitor)
        {
            // The distro brings its own ASP.NET Core, HttpClient and log collection; adding them again loses data.
            telemetry.UseAzureMonitor();
            services.AddOptions<AzureMonitorOptions>().Configure<TokenCredential>((options, credential) => options.Credential = credential);
            return services;
        }

        telemetry
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (exporter == TelemetryExporter.Otlp)
        {
            telemetry.WithLogging().UseOtlpExporter();
        }
        else if (exporter == TelemetryExporter.Console)
        {
            telemetry
                .WithTracing(tracing => tracing.AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddConsoleExporter())
                .WithLogging(logging => logging.AddConsoleExporter());
        }
        return services;
    }
}
