using System.Security.Cryptography;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

/// <summary>
/// The engine alone keeps the database read-only: these go straight to the backend's executor,
/// with no text gate in front. <c>{dir}</c> is the test's own folder.
/// </summary>
public sealed class SqliteReadOnlyEngineTests(SeededDatabase db) : IClassFixture<SeededDatabase>
{
    [Theory]
    [InlineData("INSERT INTO regions VALUES (9, 'X', 'x')")]
    [InlineData("UPDATE orders SET status = 'x'")]
    [InlineData("DELETE FROM orders")]
    [InlineData("REPLACE INTO regions VALUES (1, 'NA', 'x')")]
    [InlineData("INSERT OR REPLACE INTO regions SELECT 1, 'NA', 'y'")]
    [InlineData("WITH d AS (SELECT 1) DELETE FROM orders")]
    [InlineData("WITH x AS (SELECT 9, 'Z', 'z') INSERT INTO regions SELECT * FROM x")]
    [InlineData("UPDATE orders SET status = 'x' RETURNING order_id")]
    [InlineData("CREATE TABLE t(x)")]
    [InlineData("CREATE TEMP TABLE t(x)")]
    [InlineData("CREATE TEMP VIEW v AS SELECT 1")]
    [InlineData("CREATE VIEW v AS SELECT 1")]
    [InlineData("CREATE INDEX ix ON orders(status)")]
    [InlineData("CREATE TRIGGER tr AFTER INSERT ON regions BEGIN DELETE FROM orders; END")]
    [InlineData("CREATE VIRTUAL TABLE f USING fts5(x)")]
    [InlineData("DROP TABLE payroll")]
    [InlineData("DROP INDEX ix_orders_ordered_at")]
    [InlineData("ALTER TABLE orders ADD COLUMN x")]
    [InlineData("ALTER TABLE orders RENAME TO o")]
    [InlineData("ATTACH DATABASE '{dir}/new.db' AS x")]
    [InlineData("ATTACH DATABASE ':memory:' AS x")]
    [InlineData("DETACH DATABASE main")]
    [InlineData("PRAGMA writable_schema = 1")]
    [InlineData("PRAGMA journal_mode = WAL")]
    [InlineData("PRAGMA query_only = 0")]
    [InlineData("PRAGMA user_version = 7")]
    [InlineData("PRAGMA table_info(orders)")]
    [InlineData("VACUUM")]
    [InlineData("VACUUM INTO '{dir}/copy.db'")]
    [InlineData("ANALYZE")]
    [InlineData("REINDEX")]
    [InlineData("BEGIN")]
    [InlineData("BEGIN IMMEDIATE")]
    [InlineData("COMMIT")]
    [InlineData("ROLLBACK")]
    [InlineData("SAVEPOINT s")]
    [InlineData("RELEASE s")]
    [InlineData("SELECT 1; DELETE FROM orders")]
    [InlineData("SELECT 1; COMMIT; DELETE FROM orders")]
    [InlineData("SELECT 1; SELECT 2")]
    [InlineData("SELECT 1 /* c */ ; -- c\n DROP TABLE orders")]
    [InlineData("SELECT load_extension('{dir}/evil')")]
    [InlineData("SELECT fts3_tokenizer('simple')")]
    public async Task Engine_refuses_a_write_and_leaves_the_file_untouched(string template)
    {
        var sql = template.Replace("{dir}", db.Directory);
        var before = Snapshot();

        var act = () => db.Backend.ExecuteAsync(Requests.Query(sql), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.EngineRefused, because: error.Message);
        Snapshot().Should().Be(before);
        (await db.Backend.ExecuteAsync(Requests.Query("SELECT count(*) FROM orders"), CancellationToken.None)).Rows[0][0].Should().Be(60_000L);
    }

    [Theory]
    [InlineData("SELECT writefile('{dir}/x', 'y')")]
    [InlineData("SELECT readfile('/etc/passwd')")]
    [InlineData("SELECT edit('x')")]
    public async Task Engine_has_no_file_functions(string template)
    {
        var sql = template.Replace("{dir}", db.Directory);
        var before = Snapshot();

        var act = () => db.Backend.ExecuteAsync(Requests.Query(sql), CancellationToken.None);

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().BeOneOf(ErrorCodes.EngineRefused, ErrorCodes.SqlError);
        Snapshot().Should().Be(before);
    }

    [Fact]
    public async Task Engine_allows_a_plain_read_with_trailing_comments_and_semicolons()
    {
        var result = await db.Backend.ExecuteAsync(Requests.Query("SELECT code FROM regions ORDER BY region_id; -- done\n /* end */ ;"), CancellationToken.None);

        result.Rows.Select(r => r[0]).Should().Equal("NA", "EMEA", "APAC", "LATAM");
    }

    private string Snapshot()
    {
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(db.Path)));
        var files = Directory.EnumerateFileSystemEntries(db.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        return hash + " " + string.Join(",", files);
    }
}
