using System.Text.Json;
using System.Text.Json.Nodes;
using McpDataEnv.Core.Environments;
using McpDataEnv.Hosting;
using McpDataEnv.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpDataEnv.Tests.Tools;

/// <summary>
/// What run_readonly_sql tells a model when a cap cuts its result, through the real server, with a small
/// <c>limits.max_result_bytes</c>: which cap it was, in the structured result and in the text; and the same rows,
/// flag and cause from the retail environment on SQLite and on PostgreSQL.
/// </summary>
public sealed class RunReadonlySqlToolTests(SeededEnvironment sqlite, PostgresRetailEnvironment postgres)
    : IClassFixture<SeededEnvironment>, IClassFixture<PostgresRetailEnvironment>
{
    private const long MaxResultBytes = 1_000;

    // Fifty rows of about 65 bytes each (as JSON), in syntax both dialects read the same way: 15 fit in 1,000 bytes.
    private const string FiftyRows =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) " +
        "SELECT i, 'row ' || i || ' of fifty, padded to make each row weigh something' AS label FROM n ORDER BY i";

    [Fact]
    public async Task A_result_cut_by_the_size_cap_says_bytes_and_that_more_rows_will_not_help()
    {
        var result = await CallInProcessAsync(maxRows: 30);

        var structured = result.Structured();
        structured["truncated"]!.GetValue<bool>().Should().BeTrue();
        structured["truncated_by"]!.GetValue<string>().Should().Be("bytes");
        structured["row_count"]!.GetValue<int>().Should().Be(15);
        result.Text().Should().Contain("TRUNCATED by the result-size cap").And.Contain("raising max_rows will not help");
    }

    [Fact]
    public async Task A_result_cut_by_max_rows_says_rows()
    {
        var result = await CallInProcessAsync(maxRows: 5);

        var structured = result.Structured();
        structured["truncated_by"]!.GetValue<string>().Should().Be("rows");
        structured["row_count"]!.GetValue<int>().Should().Be(5);
        result.Text().Should().Contain("TRUNCATED by max_rows");
    }

    [Fact]
    public async Task A_complete_result_has_a_null_truncation_cause()
    {
        var result = await CallInProcessAsync(maxRows: 5, "SELECT code FROM regions ORDER BY region_id");

        var structured = result.Structured();
        structured["truncated"]!.GetValue<bool>().Should().BeFalse();
        structured.ContainsKey("truncated_by").Should().BeTrue("strict clients expect every property the schema lists");
        structured["truncated_by"].Should().BeNull();
        result.Text().Should().Contain("; complete.");
    }

    [Theory]
    [InlineData(30, "bytes", 15)]
    [InlineData(5, "rows", 5)]
    public async Task The_same_query_gets_the_same_rows_flag_and_cause_on_SQLite_and_PostgreSQL(int maxRows, string cause, int rows)
    {
        using var scratch = new ScratchFolder();
        var arguments = JsonSerializer.Serialize(new { sql = FiftyRows, max_rows = maxRows });

        var onSqlite = await CallAsync(sqlite.Variant("cap-" + Guid.NewGuid().ToString("n"), SmallCap), arguments);
        var onPostgres = await CallAsync(PostgresVariant(scratch), arguments, new() { ["MCPDATAENV_PG"] = postgres.ServerConnectionString });

        foreach (var result in new[] { onSqlite, onPostgres })
        {
            result["truncated"]!.GetValue<bool>().Should().BeTrue();
            result["truncated_by"]!.GetValue<string>().Should().Be(cause);
            result["row_count"]!.GetValue<int>().Should().Be(rows);
        }
        ResultParity.FirstDifference(onSqlite["rows"]!.AsArray(), onPostgres["rows"]!.AsArray()).Should().BeNull();
    }

    private static string SmallCap(string yaml) =>
        yaml.Replace("max_result_bytes: 4194304", $"max_result_bytes: {MaxResultBytes}", StringComparison.Ordinal);

    /// <summary>environments/retail-postgres with a small cap, beside a copy of ../retail whose files it names.</summary>
    private static string PostgresVariant(ScratchFolder scratch)
    {
        SeededEnvironment.CopyFolder(TestPaths.RetailEnvironment, scratch.Child("retail"));
        var folder = scratch.Child("retail-postgres");
        SeededEnvironment.CopyFolder(PostgresRetailEnvironment.Folder, folder);
        var yaml = Path.Combine(folder, "environment.yaml");
        var edited = SmallCap(File.ReadAllText(yaml));
        edited.Should().NotBe(File.ReadAllText(yaml));
        File.WriteAllText(yaml, edited);
        return folder;
    }

    /// <summary>run_readonly_sql through the real server in its own process (<c>mcpdataenv call</c>): the structured result.</summary>
    private static async Task<JsonObject> CallAsync(string folder, string arguments, Dictionary<string, string?>? environment = null)
    {
        var call = await ProcessRunner.RunAsync("dotnet", [TestPaths.ServerDll, "call", "--env", folder, "run_readonly_sql", "--json", arguments],
            TimeSpan.FromMinutes(2), environment: environment);
        call.ExitCode.Should().Be(0, call.Stdout + call.Stderr);
        return JsonNode.Parse(call.Stdout)!.AsObject();
    }

    /// <summary>run_readonly_sql through the real server in an in-process MCP session: the whole tool result, text included.</summary>
    private async Task<JsonObject> CallInProcessAsync(int maxRows, string sql = FiftyRows)
    {
        var loaded = EnvironmentLoader.Load(sqlite.Folder).Environment!;
        var environment = loaded with { Limits = loaded.Limits with { MaxResultBytes = MaxResultBytes } };
        await using var runtime = EnvironmentBootstrap.CreateRuntime(environment, NullLoggerFactory.Instance);
        var caller = EnvironmentBootstrap.CreateCaller(environment, role: null, principalName: "result-cap-test");
        await using var session = await InProcessSession.StartAsync(runtime, caller, NullLoggerFactory.Instance, CancellationToken.None);
        var result = await session.Client.CallToolAsync("run_readonly_sql", new Dictionary<string, object?> { ["sql"] = sql, ["max_rows"] = maxRows });
        return JsonSerializer.SerializeToNode(result)!.AsObject();
    }
}
