using BenchmarkDotNet.Attributes;
using McpDataEnv.Core.Backends.Sqlite;
using McpDataEnv.Core.Demo;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Scripting;
using McpDataEnv.Core.Sql;

namespace McpDataEnv.Benchmarks;

/// <summary>
/// run_script through <see cref="ScriptSandbox"/> (warm worker processes) against the seeded SQLite demo database:
/// a trivial script, and a group-by over 100,000 rows fetched with <c>sql()</c>, each as a ratio to the same
/// group-by done in SQL by the backend (the baseline).
/// </summary>
[MemoryDiagnoser]
public class ScriptBenchmarks
{
    private const string Rows = "SELECT product_id, quantity, unit_price, discount FROM order_items ORDER BY order_id, line_no LIMIT 100000";

    public const string GroupByScript =
        "var g = groupBy(sql('" + Rows + "'), 'product_id'), out = {};\n" +
        "for (var k in g) { out[k] = sum(g[k], function (r) { return r.quantity * r.unit_price * (1 - r.discount); }); }\n" +
        "Object.keys(out).length";

    public const string GroupBySql =
        "SELECT product_id, SUM(quantity * unit_price * (1 - discount)) AS revenue FROM (" + Rows + ") GROUP BY product_id";

    private static readonly ScriptSettings Settings = ScriptSettings.Defaults with { MemoryMb = 512, MaxSqlRowsPerCall = 250_000, TimeoutMs = 30_000 };

    private string _folder = null!;
    private SqliteBackend _backend = null!;
    private ReadOnlyQueryService _queries = null!;
    private ScriptSandbox _sandbox = null!;
    private ISqlBridge _bridge = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("mcpdataenv-bench-").FullName;
        _backend = new SqliteBackend(Path.Combine(_folder, "retail.db"));
        _backend.SeedAsync(RetailGenerator.Generate(), CancellationToken.None).GetAwaiter().GetResult();
        _queries = new ReadOnlyQueryService(new ReadOnlySqlGate(), _backend, LimitSettings.Defaults with { MaxRows = 250_000, MaxResultBytes = 128L << 20 });
        _bridge = new QueryServiceSqlBridge(_queries, UnrestrictedAccess.Instance, Settings.MaxSqlRowsPerCall);
        _sandbox = new ScriptSandbox(Settings);
        _sandbox.WarmUpAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _backend.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "100k-row group-by in SQL (backend)")]
    public int GroupByInSql() => _queries.RunAsync(GroupBySql, 10_000, UnrestrictedAccess.Instance, null, CancellationToken.None).GetAwaiter().GetResult().Rows.Count;

    [Benchmark(Description = "100k-row group-by in a script via sql()")]
    public string GroupByInScript() => Run(GroupByScript);

    [Benchmark(Description = "trivial run_script (6 * 7), warm worker")]
    public string TrivialScript() => Run("6 * 7");

    private string Run(string code) =>
        _sandbox.RunAsync(new ScriptRunRequest(code, null, Settings), _bridge, CancellationToken.None).GetAwaiter().GetResult().ResultJson;
}
