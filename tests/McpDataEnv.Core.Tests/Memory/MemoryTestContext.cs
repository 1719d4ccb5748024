using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Sqlite;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Tests.Memory;

/// <summary>A fresh memory store file in a temporary folder, with the demo's content rules and a manual clock.</summary>
public sealed class MemoryTestContext : IDisposable
{
    public static readonly MemoryContentRules DemoRules = new(new Dictionary<string, string>
    {
        ["no_email"] = @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        // Phone-shaped digit groups, but not dates such as 2024-04-01.
        ["no_phone"] = @"(?<!\d)(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}(?!\d)",
    });

    public static readonly MemoryScope Alice = new("retail", "alice");
    public static readonly MemoryScope Bob = new("retail", "bob");
    public static readonly MemoryProvenance Tool = new("memory_test", "req-1");

    private readonly List<SqliteMemoryStore> stores = [];
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mde-memory-" + Guid.NewGuid().ToString("N"));

    private readonly SqliteMemoryStoreOptions? options;

    public MemoryTestContext(MemorySettings? settings = null, SqliteMemoryStoreOptions? options = null)
    {
        this.options = options;
        DatabasePath = Path.Combine(folder, "data", "memory.db");
        Settings = settings ?? MemorySettings.Defaults with { WritesPerMinute = 0 };
        Store = OpenStore();
        Service = new MemoryService(Store, Settings, DemoRules, Clock);
    }

    public string DatabasePath { get; }

    public MemorySettings Settings { get; }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

    public SqliteMemoryStore Store { get; }

    public MemoryService Service { get; }

    /// <summary>A second, independent service and store on the same file (as a second server process would have).</summary>
    public MemoryService SecondService() => new(OpenStore(), Settings, DemoRules, Clock);

    public SqliteMemoryStore OpenStore()
    {
        var store = new SqliteMemoryStore(DatabasePath, options);
        stores.Add(store);
        return store;
    }

    public void Dispose()
    {
        stores.ForEach(s => s.Dispose());
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
