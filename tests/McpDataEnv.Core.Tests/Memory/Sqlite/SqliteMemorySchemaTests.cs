using McpDataEnv.Core.Memory;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Tests.Memory.Sqlite;

/// <summary>Schema migrations of the SQLite memory store keep every passage.</summary>
public sealed class SqliteMemorySchemaTests : IDisposable
{
    private readonly MemoryTestContext context = new();

    public void Dispose() => context.Dispose();

    [Fact]
    public async Task A_version_1_store_loses_the_unused_state_column_and_keeps_its_passages()
    {
        var archived = await context.Service.ArchiveAsync(MemoryTestContext.Alice, "Refunds are netted monthly", ["refunds"], MemoryTestContext.Tool);
        using (var connection = Raw())
        {
            // Back to what version 1 left on disk.
            Execute(connection, "ALTER TABLE passages ADD COLUMN state TEXT NOT NULL DEFAULT 'active'; DELETE FROM schema_version WHERE version = 2;");
        }

        var reopened = new MemoryService(context.OpenStore(), context.Settings, MemoryTestContext.DemoRules, context.Clock);
        (await reopened.SearchAsync(MemoryTestContext.Alice, new MemorySearchRequest("refunds"))).Hits.Select(h => h.Id).Should().Equal(archived.Id);

        using var check = Raw();
        Scalar(check, "SELECT count(*) FROM pragma_table_info('passages') WHERE name = 'state';").Should().Be(0L);
        Scalar(check, "SELECT max(version) FROM schema_version;").Should().Be(2L);
    }

    private SqliteConnection Raw()
    {
        var connection = new SqliteConnection($"Data Source={context.DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
