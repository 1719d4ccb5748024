using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using McpDataEnv.Hosting;
using McpDataEnv.Telemetry;
using McpDataEnv.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpDataEnv.Tests.Telemetry;

/// <summary>One span and one set of metric points per tool call; exported over OTLP/HTTP when configured.</summary>
public sealed class ToolTelemetryTests : IClassFixture<SeededEnvironment>
{
    private readonly SeededEnvironment _env;

    public ToolTelemetryTests(SeededEnvironment env) => _env = env;

    [Theory]
    [InlineData("SELECT 1 AS one", "ok", null, 1L)]
    [InlineData("DELETE FROM orders", "refused", "sql_rejected", null)]
    public async Task A_tool_call_makes_exactly_one_span_with_its_tags_and_one_point_per_instrument(string sql, string verdict, string? code, long? rows)
    {
        // Tests run in parallel in this process: only this test's principal counts.
        var principal = "telemetry-" + Guid.NewGuid().ToString("n");
        var spans = new ConcurrentQueue<Activity>();
        var points = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var spanListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ToolTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem(ToolTelemetry.PrincipalTag) as string == principal)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(spanListener);
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ToolTelemetry.SourceName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            // The span is still current while the points are recorded.
            if (Activity.Current is { } current && current.Source.Name == ToolTelemetry.SourceName && OwnedBy(current, principal))
            {
                points.Enqueue((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        }

        meterListener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        meterListener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        meterListener.Start();

        var environment = EnvironmentBootstrap.LoadOrReport(_env.Folder, TextWriter.Null)!;
        await using (var runtime = EnvironmentBootstrap.CreateRuntime(environment, NullLoggerFactory.Instance))
        {
            var caller = EnvironmentBootstrap.CreateCaller(environment, role: "analyst", principalName: principal);
            await using var session = await InProcessSession.StartAsync(runtime, caller, NullLoggerFactory.Instance, CancellationToken.None);
            await session.Client.CallToolAsync("run_readonly_sql", new Dictionary<string, object?> { ["sql"] = sql });
        }

        var span = spans.Should().ContainSingle().Subject;
        span.Source.Name.Should().Be("McpDataEnv");
        span.GetTagItem(ToolTelemetry.ToolTag).Should().Be("run_readonly_sql");
        span.GetTagItem(ToolTelemetry.RoleTag).Should().Be("analyst");
        span.GetTagItem(ToolTelemetry.VerdictTag).Should().Be(verdict);
        span.GetTagItem(ToolTelemetry.ErrorCodeTag).Should().Be(code);
        span.GetTagItem(ToolTelemetry.RowsTag).Should().Be(rows);
        span.Duration.Should().BePositive();
        span.TagObjects.Select(t => t.Value?.ToString()).Should().NotContain(v => v != null && v.Contains("SELECT", StringComparison.OrdinalIgnoreCase),
            "SQL text belongs to the audit trail, not to telemetry");
        points.Select(p => p.Instrument).Should().BeEquivalentTo([ToolTelemetry.CallsInstrument, ToolTelemetry.DurationInstrument]);
        points.Should().OnlyContain(p => (string?)p.Tags[ToolTelemetry.ToolTag] == "run_readonly_sql" && (string?)p.Tags[ToolTelemetry.VerdictTag] == verdict && p.Tags.Count == 2);
    }

    [Fact]
    public void Nothing_is_exported_when_no_OTLP_endpoint_is_configured()
    {
        OtlpTelemetry.FromEnvironment(_ => null).Should().BeNull();
        OtlpTelemetry.FromEnvironment(name => name == "OTEL_SERVICE_NAME" ? "x" : null).Should().BeNull();
    }

    [Fact]
    public async Task A_stdio_server_with_an_OTLP_endpoint_exports_the_tool_span_over_http_protobuf()
    {
        using var collector = new FakeOtlpCollector();
        var server = McpDriver.StdioServer(_env.Folder);
        server["env"] = new JsonObject
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        };

        var report = await McpDriver.RunAsync(server, McpDriver.Call("run_readonly_sql", new { sql = "SELECT 1 AS one" }));

        report.Result(0).IsError().Should().BeFalse("stdout must still carry only protocol frames");
        var traces = await collector.WaitForAsync("/v1/traces", "run_readonly_sql", TimeSpan.FromSeconds(20));
        traces.Should().Contain("mcpdataenv", "the service name defaults to mcpdataenv").And.Contain("stdio", "the principal id is an attribute");
        traces.Should().NotContain("SELECT 1", "SQL text is not exported");
        (await collector.WaitForAsync("/v1/metrics", ToolTelemetry.CallsInstrument, TimeSpan.FromSeconds(20))).Should().Contain(ToolTelemetry.DurationInstrument);
    }

    private static bool OwnedBy(Activity activity, string principal) => activity.GetTagItem(ToolTelemetry.PrincipalTag) as string == principal;
}
