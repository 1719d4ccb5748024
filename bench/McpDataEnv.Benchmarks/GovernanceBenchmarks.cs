using BenchmarkDotNet.Attributes;
using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Backends.Sqlite;
using McpDataEnv.Core.Demo;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Governance.Audit;

namespace McpDataEnv.Benchmarks;

/// <summary>
/// Governance costs per query, as ratios to a 1-row SQLite query through the backend (the baseline, same run):
/// the policy check over a typical query's read set, the same query under row filters (TEMP views), and one
/// audit append (chained, flushed to disk).
/// </summary>
[MemoryDiagnoser]
public class GovernanceBenchmarks
{
    private static readonly (string Table, string Column)[] RevenueReads =
    [
        ("order_items", "order_id"), ("order_items", "quantity"), ("order_items", "unit_price"), ("order_items", "discount"),
        ("orders", "order_id"), ("orders", "status"), ("orders", "region_id"), ("orders", "ordered_at"),
        ("regions", "region_id"), ("regions", "code"), ("customers", "customer_id"), ("customers", "region_id"),
    ];

    private string _dir = null!;
    private SqliteBackend _backend = null!;
    private JsonlAuditLog _audit = null!;
    private PolicyAccessScope _analyst = null!;
    private PolicyAccessScope _emea = null!;
    private QueryRequest _analystQuery = null!;
    private QueryRequest _emeaQuery = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("mcpdataenv-bench-").FullName;
        _backend = new SqliteBackend(Path.Combine(_dir, "retail.db"));
        _backend.SeedAsync(RetailGenerator.Generate(), CancellationToken.None).GetAwaiter().GetResult();
        var env = EnvironmentLoader.Load(FindRetail()).Environment!;
        _analyst = PolicyAccessScope.ForRole(env.Policy, "analyst", "bench", env.Schema);
        _emea = PolicyAccessScope.ForRole(env.Policy, "emea_manager", "bench", env.Schema);
        const string sql = "SELECT status FROM orders WHERE order_id = 1";
        _analystQuery = new QueryRequest(sql, 10, TimeSpan.FromSeconds(5), 1 << 20, _analyst);
        _emeaQuery = _analystQuery with { Access = _emea };
        _audit = new JsonlAuditLog(Path.Combine(_dir, "audit.jsonl"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _audit.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _backend.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "1-row SQLite query through the backend (analyst)")]
    public int OneRowQuery() => _backend.ExecuteAsync(_analystQuery, CancellationToken.None).GetAwaiter().GetResult().Rows.Count;

    [Benchmark(Description = "PolicyAccessScope.CheckRead over a 12-column read set")]
    public int PolicyCheck()
    {
        var denied = 0;
        foreach (var (table, column) in RevenueReads)
        {
            denied += _analyst.CheckRead(table, column) is null ? 0 : 1;
        }

        return denied;
    }

    [Benchmark(Description = "1-row query under row filters (emea_manager, TEMP views)")]
    public int OneRowQueryFiltered() => _backend.ExecuteAsync(_emeaQuery, CancellationToken.None).GetAwaiter().GetResult().Rows.Count;

    [Benchmark(Description = "Audit append (hash chain, lock file, flush to disk)")]
    public long AuditAppend() => _audit.AppendAsync(new AuditEvent(
        DateTimeOffset.UtcNow, "bench", "analyst", "run_readonly_sql",
        new Dictionary<string, string?> { ["sql"] = "SELECT status FROM orders WHERE order_id = 1" }, "ok", null, [], 1, 0.2)).GetAwaiter().GetResult().Seq;

    public static string FindRetail()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "McpDataEnv.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("repository root not found"), "environments", "retail");
    }
}
