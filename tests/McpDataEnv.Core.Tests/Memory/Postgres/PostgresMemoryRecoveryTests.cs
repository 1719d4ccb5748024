using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;
using McpDataEnv.Core.Memory.Postgres;
using McpDataEnv.Core.Tests.Backends.Postgres;
using Npgsql;

namespace McpDataEnv.Core.Tests.Memory.Postgres;

/// <summary>The PostgreSQL memory store recovers when its database comes back, like the rest of the server.</summary>
public sealed class PostgresMemoryRecoveryTests : IAsyncLifetime
{
    private readonly string schema = "memtest_" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresTestDatabase.AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task First_call_while_the_database_is_down_fails_and_the_next_call_after_it_is_back_succeeds()
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.AdminConnectionString);
        await using var forwarder = new TcpForwarder(admin.Host!.Split(',')[0], admin.Port);
        // While the forwarder is closed, connecting is refused at once; the connect timeout only bounds the connections
        // after it opens (each a fresh backend, as Pooling is off), which a loaded machine may take seconds to set up.
        var viaForwarder = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Host = "127.0.0.1", Port = forwarder.Port, Timeout = 30, Pooling = false };
        await using var store = new PostgresMemoryStore(viaForwarder.ConnectionString, schema);
        var memory = new MemoryService(store, MemorySettings.Defaults with { WritesPerMinute = 0 }, MemoryTestContext.DemoRules);

        var down = () => memory.ArchiveAsync(MemoryTestContext.Alice, "net revenue excludes refunds", null, MemoryTestContext.Tool);
        var error = (await down.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.DatabaseUnavailable);
        error.Message.Should().NotContain(forwarder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.NotContain(admin.Username ?? "postgres");

        forwarder.Open();
        var archived = await memory.ArchiveAsync(MemoryTestContext.Alice, "net revenue excludes refunds", null, MemoryTestContext.Tool);
        (await memory.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("refunds"))).Hits.Select(h => h.Id).Should().Equal(archived.Id);
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_migration()
    {
        await using var store = new PostgresMemoryStore(PostgresTestDatabase.AdminConnectionString, schema);
        var memory = new MemoryService(store, MemorySettings.Defaults with { WritesPerMinute = 0 }, MemoryTestContext.DemoRules);
        var writes = Enumerable.Range(0, 8).Select(i => memory.ArchiveAsync(MemoryTestContext.Alice, $"note {i}", null, MemoryTestContext.Tool));
        (await Task.WhenAll(writes)).Select(r => r.Id).Should().OnlyHaveUniqueItems().And.HaveCount(8);
    }
}
