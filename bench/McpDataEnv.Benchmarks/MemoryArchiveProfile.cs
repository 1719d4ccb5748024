using System.Diagnostics;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Sqlite;

namespace McpDataEnv.Benchmarks;

/// <summary>
/// Where one sequential memory_archive spends its time in-process: the store alone, with the content rules, and with
/// the audit append every tool call makes (rounds alternate so machine drift hits each stage alike).
/// </summary>
internal static class MemoryArchiveProfile
{
    private static readonly MemoryContentRules DemoRules = new(new Dictionary<string, string>
    {
        ["email"] = @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        ["phone"] = @"(\+\d{1,3}[\s.-]?\(?\d{1,4}\)?([\s.-]?\d{2,5}){2,})|(\(\d{3}\)\s?\d{3}[\s.-]\d{4})|(\b\d{3}[.-]\d{3}[.-]\d{4}\b)",
    });

    public static int Run(string folder, int perRound = 2_000, int rounds = 4)
    {
        Directory.CreateDirectory(folder);
        using var store = new SqliteMemoryStore(Path.Combine(folder, "memory.db"));
        var bare = new MemoryService(store, MemorySettings.Defaults with { WritesPerMinute = 100_000_000 }, MemoryContentRules.None);
        var ruled = new MemoryService(store, MemorySettings.Defaults with { WritesPerMinute = 100_000_000 }, DemoRules);
        var audit = new JsonlAuditLog(Path.Combine(folder, "audit.jsonl"));
        var scope = new MemoryScope("retail", "stdio");
        var provenance = new MemoryProvenance("memory_archive", "1");
        var n = 0;
        var stages = new (string Name, Func<Task> Write)[]
        {
            ("store", () => bare.ArchiveAsync(scope, Note(n++), ["bench"], provenance)),
            ("store+rules", () => ruled.ArchiveAsync(scope, Note(n++), ["bench"], provenance)),
            ("store+rules+audit", async () =>
            {
                await ruled.ArchiveAsync(scope, Note(n++), ["bench"], provenance);
                await audit.AppendAsync(new AuditEvent(DateTimeOffset.UtcNow, "stdio", "analyst", "memory_archive", new Dictionary<string, string?>(), "allowed", null, [], null, 0.5));
            }),
            ("audit", () => audit.AppendAsync(new AuditEvent(DateTimeOffset.UtcNow, "stdio", "analyst", "memory_archive", new Dictionary<string, string?>(), "allowed", null, [], null, 0.5))),
        };
        var results = stages.ToDictionary(s => s.Name, _ => new List<double>());
        var cpu = stages.ToDictionary(s => s.Name, _ => new List<double>());
        var process = Process.GetCurrentProcess();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, write) in round % 2 == 0 ? stages : stages.Reverse())
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < perRound; i++)
                {
                    write().GetAwaiter().GetResult();
                }

                results[name].Add(perRound / clock.Elapsed.TotalSeconds);
                process.Refresh();
                cpu[name].Add((process.TotalProcessorTime - cpuBefore).TotalMicroseconds / perRound);
            }
        }

        foreach (var (name, rates) in results)
        {
            rates.Sort();
            cpu[name].Sort();
            Console.WriteLine($"{name,-20} writes/s median {rates[rates.Count / 2],7:F0}  all {string.Join(' ', rates.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}  CPU µs/write median {cpu[name][cpu[name].Count / 2],6:F0}");
        }

        audit.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    private static string Note(int i) => $"Bench note {i}: margin in EMEA rose after the loyalty programme";
}
