using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Sqlite;

namespace McpDataEnv.Core.Tests.Memory.Sqlite;

/// <summary>A store that could not be created on its first call is created by a later call once the cause is gone.</summary>
public sealed class SqliteMemoryRecoveryTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mde-memory-recovery-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        if (File.Exists(folder)) File.Delete(folder);
    }

    [Fact]
    public async Task First_call_that_cannot_create_the_store_fails_and_the_next_call_after_the_cause_is_gone_succeeds()
    {
        // A file where the store's folder should be: the folder cannot be created.
        await File.WriteAllTextAsync(folder, "in the way");
        using var store = new SqliteMemoryStore(Path.Combine(folder, "data", "memory.db"));
        var memory = new MemoryService(store, MemorySettings.Defaults with { WritesPerMinute = 0 }, MemoryTestContext.DemoRules);

        var blocked = () => memory.ArchiveAsync(MemoryTestContext.Alice, "net revenue excludes refunds", null, MemoryTestContext.Tool);
        await blocked.Should().ThrowAsync<IOException>();

        File.Delete(folder);
        var archived = await memory.ArchiveAsync(MemoryTestContext.Alice, "net revenue excludes refunds", null, MemoryTestContext.Tool);
        (await memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("refunds"))).Hits.Select(h => h.Id).Should().Equal(archived.Id);
    }
}
