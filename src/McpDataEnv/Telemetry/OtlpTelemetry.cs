using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace McpDataEnv.Telemetry;

/// <summary>
/// Exports <see cref="ToolTelemetry"/> over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise nothing is
/// built and tool calls pay nothing. The exporter reads the standard variables itself (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>,
/// <c>OTEL_EXPORTER_OTLP_HEADERS</c>, <c>OTEL_BSP_*</c>, ...); the service name is <c>OTEL_SERVICE_NAME</c> or
/// <c>mcpdataenv</c>. Exporters talk to the network only, never to stdout, so stdio framing is safe.
/// </summary>
public sealed class OtlpTelemetry : IDisposable
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string DefaultServiceName = "mcpdataenv";

    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    private OtlpTelemetry(TracerProvider tracer, MeterProvider meter)
    {
        _tracer = tracer;
        _meter = meter;
    }

    /// <summary>The exporting providers, or null when no OTLP endpoint is configured. Dispose at shutdown: it flushes.</summary>
    public static OtlpTelemetry? FromEnvironment(Func<string, string?>? variables = null)
    {
        var lookup = variables ?? Environment.GetEnvironmentVariable;
        if (string.IsNullOrWhiteSpace(lookup(EndpointVariable)))
        {
            return null;
        }

        var serviceName = lookup("OTEL_SERVICE_NAME") is { Length: > 0 } name ? name : DefaultServiceName;
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName, serviceVersion: Hosting.ServerVersion.Current);
        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(ToolTelemetry.SourceName)
            .AddOtlpExporter()
            .Build();
        var meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(ToolTelemetry.SourceName)
            .AddOtlpExporter()
            .Build();
        return new OtlpTelemetry(tracer, meter);
    }

    public void Dispose()
    {
        _tracer.Dispose();
        _meter.Dispose();
    }
}
