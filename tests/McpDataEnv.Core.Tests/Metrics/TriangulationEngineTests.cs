using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Metrics;

namespace McpDataEnv.Core.Tests.Metrics;

/// <summary>Pure logic: fake paths are fine, no database behaviour is claimed here.</summary>
public sealed class TriangulationEngineTests
{
    private readonly TriangulationEngine _engine = new();

    private static TriangulationPath Exact(string name, decimal value) => new(name, _ => Task.FromResult(TriangulationValue.FromDecimal(value)));

    private static TriangulationPath Approx(string name, double value) => new(name, _ => Task.FromResult(TriangulationValue.FromDouble(value)));

    private Task<TriangulationResult> Verify(TriangulationPath a, TriangulationPath b, TriangulationPath? c = null, MetricDefinition? def = null, double? tolerance = null) =>
        _engine.VerifyAsync("revenue", a, b, c, def, tolerance, CancellationToken.None);

    [Theory]
    [InlineData(100, 100, 0)]
    [InlineData(100, 99.5, 0.005)]
    [InlineData(0, 0, 0)]
    [InlineData(-200, -199, 0.005)]
    public async Task Agreeing_paths_are_verified_with_the_exact_deviation(double a, double b, double expected)
    {
        var result = await Verify(Exact("sql", (decimal)a), Exact("script", (decimal)b));
        result.Verified.Should().BeTrue();
        result.RelativeDeviation.Should().Be(expected);
        result.Tolerance.Should().Be(0.01);
    }

    [Theory]
    [InlineData(0, 5, 1)]
    [InlineData(5, 0, 1)]
    [InlineData(100, 50, 0.5)]
    [InlineData(100, -100, 2)]
    public void Deviation_is_symmetric_with_the_documented_zero_rule(double a, double b, double expected)
    {
        RelativeDeviation.Between(TriangulationValue.FromDouble(a), TriangulationValue.FromDouble(b)).Should().Be(expected);
        RelativeDeviation.Between(TriangulationValue.FromDecimal((decimal)b), TriangulationValue.FromDecimal((decimal)a)).Should().Be(expected);
    }

    [Fact]
    public void Exact_values_avoid_binary_rounding()
    {
        RelativeDeviation.Between(TriangulationValue.FromDecimal(0.3m), TriangulationValue.FromDecimal(0.1m + 0.2m)).Should().Be(0);
        RelativeDeviation.Between(TriangulationValue.FromDouble(0.3), TriangulationValue.FromDouble(0.1 + 0.2)).Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Disagreement_is_refused_with_all_values_and_the_usual_causes()
    {
        var act = () => Verify(Exact("sql", 1000), Approx("script", 1200));
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.TriangulationFailed);
        error.Message.Should().Contain("join fan-out").And.Contain("1000").And.Contain("1200");
        error.Details["sql_value"].Should().Be(1000.0);
        error.Details["script_value"].Should().Be(1200.0);
        error.Details["verified"].Should().Be(false);
        ((double)error.Details["relative_deviation"]!).Should().BeApproximately(1.0 / 6, 1e-12);
    }

    [Fact]
    public async Task A_third_canonical_path_counts_in_the_pairwise_maximum()
    {
        var act = () => Verify(Exact("sql", 100), Exact("script", 100), Exact("canonical", 90));
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Details["canonical_value"].Should().Be(90.0);
        ((double)error.Details["relative_deviation"]!).Should().BeApproximately(0.1, 1e-12);
    }

    [Theory]
    [InlineData(null, 0.05, 0.05)]
    [InlineData(0.05, null, 0.05)]
    [InlineData(0.05, 0.2, 0.2)]
    public async Task Tolerance_comes_from_the_caller_then_the_metric_then_the_default(double? metricTolerance, double? requested, double expected)
    {
        var def = new MetricDefinition("revenue", "", null, "SELECT 1", metricTolerance);
        var result = await Verify(Exact("sql", 100), Exact("script", 97), def: def, tolerance: requested);
        result.Tolerance.Should().Be(expected);
        result.Verified.Should().BeTrue();
    }

    [Fact]
    public async Task Default_tolerance_refuses_a_three_percent_gap()
    {
        var act = () => Verify(Exact("sql", 100), Exact("script", 97));
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Details["tolerance"].Should().Be(0.01);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public async Task Tolerance_outside_zero_to_one_is_an_invalid_argument(double tolerance)
    {
        var act = () => Verify(Exact("sql", 1), Exact("script", 1), tolerance: tolerance);
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task A_tolerance_refusal_names_the_argument_and_the_allowed_range_in_its_details()
    {
        var act = () => Verify(Exact("sql", 1), Exact("script", 1), tolerance: 1.5);

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Details.Should().BeEquivalentTo(new Dictionary<string, object?> { ["argument"] = "tolerance", ["exclusive_minimum"] = 0, ["exclusive_maximum"] = 1 });
        error.Message.Should().Contain("got 1.5");
    }

    [Fact]
    public async Task A_metric_name_longer_than_the_cap_is_refused_before_any_path_runs_and_is_not_echoed()
    {
        var ran = false;
        var path = new TriangulationPath("sql", _ => { ran = true; return Task.FromResult(TriangulationValue.FromDecimal(1)); });
        var name = new string('m', TriangulationEngine.MaxMetricNameChars + 1);
        var act = () => _engine.VerifyAsync(name, path, path, null, null, null, CancellationToken.None);
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.InvalidArgument);
        error.Message.Should().Contain($"at most {TriangulationEngine.MaxMetricNameChars} characters").And.NotContain(name);
        ran.Should().BeFalse();
        (await _engine.VerifyAsync(name[1..], path, path, null, null, null, CancellationToken.None)).Metric.Should().Be(name[1..]);
    }

    [Fact]
    public async Task Paths_run_concurrently()
    {
        var both = new TaskCompletionSource();
        var started = 0;
        TriangulationPath Waiting(string name) => new(name, async ct =>
        {
            if (Interlocked.Increment(ref started) == 2) both.SetResult();
            await both.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
            return TriangulationValue.FromDecimal(1);
        });
        var result = await Verify(Waiting("sql"), Waiting("script"));
        result.Verified.Should().BeTrue();
    }

    public static TheoryData<object?[][]> NotOneNumericCell => new()
    {
        Array.Empty<object?[]>(),
        new[] { new object?[] { 1m, 2m } },
        new[] { new object?[] { 1m }, new object?[] { 2m } },
        new[] { new object?[] { null } },
        new[] { new object?[] { "north" } },
        new[] { new object?[] { double.NaN } },
    };

    [Theory]
    [MemberData(nameof(NotOneNumericCell))]
    public void Sql_path_must_return_exactly_one_numeric_cell(object?[][] rows)
    {
        var act = () => TriangulationValue.FromSingleCell(rows, "sql");
        act.Should().Throw<DataEnvException>().Which.Code.Should().Be(ErrorCodes.InvalidArgument);
    }

    [Theory]
    [InlineData(42L, 42)]
    [InlineData("1234.56", 1234.56)]
    [InlineData(2.5, 2.5)]
    public void Sql_path_accepts_numbers_and_numeric_strings(object cell, double expected) =>
        TriangulationValue.FromSingleCell([[cell]], "sql").Number.Should().Be(expected);
}
