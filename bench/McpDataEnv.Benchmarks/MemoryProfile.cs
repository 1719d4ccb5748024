using System.Diagnostics;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Sqlite;

namespace McpDataEnv.Benchmarks;

/// <summary>Per-query search latency on an existing store (a quick profile; BenchmarkDotNet gives the careful figures).</summary>
internal static class MemoryProfile
{
    public static readonly string[] Queries = ["refund rate", "churn", "Japan", "footwear", "loyalty programme", "gross margin", "mobile app", "ledger", "revenue orders", ""];

    public static int Run(string databasePath, int rankWindow = 1_500)
    {
        using var store = new SqliteMemoryStore(databasePath, new SqliteMemoryStoreOptions(RankWindow: rankWindow));
        var memory = new MemoryService(store, MemorySettings.Defaults, MemoryContentRules.None);
        var scope = new MemoryScope("retail", "stdio");
        foreach (var query in Queries)
        {
            var samples = new List<double>();
            MemorySearchResult? last = null;
            for (var i = 0; i < 40; i++)
            {
                var clock = Stopwatch.StartNew();
                last = memory.SearchAsync(scope, new MemorySearchRequest(query, Limit: 5)).GetAwaiter().GetResult();
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }

            samples.Sort();
            Console.WriteLine($"{query,-20} p50 {samples[20],7:F2} ms  p99 {samples[^1],7:F2} ms  total {last!.Total,5} capped {last.Capped}");
        }

        return 0;
    }
}
