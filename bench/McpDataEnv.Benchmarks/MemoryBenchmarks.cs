using BenchmarkDotNet.Attributes;
using McpDataEnv.Core.Memory;

namespace McpDataEnv.Benchmarks;

/// <summary>
/// Memory on 100,000 realistic passages: a selective search (baseline), a broad one, the recency listing, and one
/// archive write (sequential, default durability). Targets: search p50 &lt; 10 ms, archive ≥ 1,000 writes/s.
/// </summary>
[MemoryDiagnoser]
public class MemoryBenchmarks
{
    private static readonly MemoryScope Scope = new("bench", "analyst");
    private static readonly MemoryProvenance Provenance = new("bench");
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mde-memory-bench-" + Guid.NewGuid().ToString("N"));
    private MemoryService memory = null!;
    private int counter;

    [Params(100_000)]
    public int Passages { get; set; }

    [GlobalSetup]
    public void Setup() => memory = MemorySeeder.SeedAsync(Path.Combine(folder, "memory.db"), Passages, Scope).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    [Benchmark(Baseline = true, Description = "search: selective (refund rate Japan footwear)")]
    public int SearchSelective() => Search("refund rate Japan footwear");

    [Benchmark(Description = "search: broad (revenue orders)")]
    public int SearchBroad() => Search("revenue orders");

    [Benchmark(Description = "search: newest first (empty query)")]
    public int SearchRecent() => Search(string.Empty);

    [Benchmark(Description = "archive: one passage")]
    public string Archive() =>
        memory.ArchiveAsync(Scope, $"Benchmark note {++counter}: margin in EMEA rose after the loyalty programme", ["bench"], Provenance).GetAwaiter().GetResult().Id;

    public int Search(string query) => memory.SearchAsync(Scope, new MemorySearchRequest(query)).GetAwaiter().GetResult().Hits.Count;
}
