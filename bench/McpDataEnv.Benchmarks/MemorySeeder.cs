using System.Text.Json;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Sqlite;

namespace McpDataEnv.Benchmarks;

/// <summary>Fills a memory store with the corpus, and optionally writes the same passages as a server-memory JSONL graph.</summary>
internal static class MemorySeeder
{
    public static async Task<MemoryService> SeedAsync(string databasePath, int count, MemoryScope scope, string? graphFile = null)
    {
        var store = new SqliteMemoryStore(databasePath);
        var memory = new MemoryService(store, MemorySettings.Defaults with { WritesPerMinute = 0 }, MemoryContentRules.None);
        var passages = MemoryCorpus.Generate(count).ToList();
        var provenance = new MemoryProvenance("bench_seed");
        // Sixteen writers: group commit shares transactions among them.
        await Parallel.ForEachAsync(passages, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, ct) =>
            await memory.ArchiveAsync(scope, p.Content, p.Tags, provenance, ct));
        if (graphFile is not null)
        {
            // server-memory's format: one JSON object per line. One entity per passage: search_nodes returns whole
            // entities, and with many observations per entity a broad query answers with the whole graph (27 MB at
            // 100 per entity, more than the TypeScript client accepts).
            await using var writer = new StreamWriter(graphFile);
            foreach (var (passage, index) in passages.Select((p, i) => (p, i)))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new { type = "entity", name = $"finding_{index:D6}", entityType = "finding", observations = new[] { passage.Content } }));
            }
        }

        return memory;
    }
}
