using McpDataEnv.Core.Backends.Sqlite;
using Microsoft.Extensions.Caching.Memory;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

public sealed class SqliteSchemaTests(SeededDatabase db) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task Schema_lists_the_retail_tables_with_exact_counts()
    {
        var schema = await db.Backend.ReadSchemaAsync(refresh: false, CancellationToken.None);
        var data = SeededDatabase.Dataset.Value;

        schema.Tables.Select(t => (t.Name, t.RowCount)).Should().BeEquivalentTo(new[]
        {
            ("customers", 5_000L), ("order_items", (long)data.OrderItems.Count()), ("orders", 60_000L),
            ("payroll", 200L), ("products", 500L), ("regions", 4L),
        });
        schema.Tables.Should().OnlyContain(t => t.Schema == "main");
    }

    [Fact]
    public async Task Schema_reports_columns_primary_keys_and_foreign_keys()
    {
        var schema = await db.Backend.ReadSchemaAsync(refresh: false, CancellationToken.None);

        var items = schema.Find("order_items")!;
        items.PrimaryKey.Should().Equal("order_id", "line_no");
        items.Columns.Select(c => (c.Name, c.Type)).Should().Equal(
            ("order_id", "INTEGER"), ("line_no", "INTEGER"), ("product_id", "INTEGER"), ("quantity", "INTEGER"), ("unit_price", "NUMERIC"), ("discount", "NUMERIC"));
        items.ForeignKeys.Select(f => (string.Join(",", f.Columns), f.ReferencedTable, string.Join(",", f.ReferencedColumns)))
            .Should().BeEquivalentTo(new[] { ("order_id", "orders", "order_id"), ("product_id", "products", "product_id") });
        var customers = schema.Find("customers")!;
        customers.Columns.Single(c => c.Name == "customer_id").Nullable.Should().BeFalse();
        customers.Columns.Single(c => c.Name == "churned_on").Nullable.Should().BeTrue();
        customers.ForeignKeys.Should().ContainSingle().Which.ReferencedColumns.Should().Equal("region_id");
    }

    [Fact]
    public async Task Schema_is_cached_until_a_refresh_is_asked_for()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        await using var backend = new SqliteBackend(db.Path, cache);
        var first = await backend.ReadSchemaAsync(refresh: false, CancellationToken.None);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY)";
            command.ExecuteNonQuery();
        }

        (await backend.ReadSchemaAsync(refresh: false, CancellationToken.None)).Should().BeSameAs(first);
        (await backend.ReadSchemaAsync(refresh: true, CancellationToken.None)).Find("notes").Should().NotBeNull();
    }
}
