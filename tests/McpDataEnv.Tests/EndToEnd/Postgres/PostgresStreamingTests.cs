using McpDataEnv.Tests.Support;
using Xunit.Abstractions;

namespace McpDataEnv.Tests.EndToEnd.Postgres;

/// <summary>
/// A 10-million-row table read with <c>SELECT *</c>: the server fetches max_rows + 1 rows from a cursor, so
/// neither the answer nor the server's memory depends on the table's size.
/// </summary>
public sealed class PostgresStreamingTests : IClassFixture<PostgresRetailEnvironment>
{
    private const int TableRows = 10_000_000;
    private readonly PostgresRetailEnvironment _env;
    private readonly ITestOutputHelper _output;

    public PostgresStreamingTests(PostgresRetailEnvironment env, ITestOutputHelper output)
    {
        _env = env;
        _output = output;
    }

    [Fact]
    public async Task Select_star_over_ten_million_rows_returns_max_rows_with_memory_independent_of_the_table()
    {
        await _env.AdminAsync(
            $"CREATE UNLOGGED TABLE retail.events AS SELECT g::bigint AS event_id, (g % 5000)::int AS customer_id, g * 0.01 AS amount FROM generate_series(1, {TableRows}) g",
            "GRANT SELECT ON retail.events TO mcpdataenv_reader");
        var selectAll = McpDriver.Call("run_readonly_sql", new { sql = "SELECT * FROM events", max_rows = 1000 });

        var report = await McpDriver.RunAsync(_env.Server(),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT * FROM events", max_rows = 10 }),
            McpDriver.Op("serverMemory"),
            new System.Text.Json.Nodes.JsonObject { ["op"] = "repeat", ["times"] = 5, ["step"] = selectAll },
            McpDriver.Op("serverMemory"),
            McpDriver.Call("run_readonly_sql", new { sql = "SELECT count(*) FROM events" }));

        var runs = report.Result(2)["outcomes"]!.AsArray();
        foreach (var run in runs)
        {
            var result = run!["result"]!.AsObject().Structured();
            result["row_count"]!.GetValue<int>().Should().Be(1000);
            result["truncated"]!.GetValue<bool>().Should().BeTrue();
        }
        report.Result(4).Structured()["rows"]![0]![0]!.GetValue<long>().Should().Be(TableRows, "the table really holds ten million rows");
        var before = report.Result(1)["rssKb"]!.GetValue<long>();
        var after = report.Result(3)["rssKb"]!.GetValue<long>();
        _output.WriteLine($"SELECT * (1000 of {TableRows:N0} rows) round trips: {string.Join(", ", runs.Select(r => $"{r!["ms"]!.GetValue<double>():0.0} ms"))}; " +
                          $"server RSS {before / 1024} MB -> {after / 1024} MB");
        (after - before).Should().BeLessThan(100 * 1024, "reading 1000 rows may not grow the server by anything near the table's size (hundreds of MB)");
    }
}
