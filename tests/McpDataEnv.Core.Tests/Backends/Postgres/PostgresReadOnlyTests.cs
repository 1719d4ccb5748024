using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>The engine layers alone (no text gate): stacked statements, writes, transaction escapes.</summary>
public sealed class PostgresReadOnlyTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    [Theory]
    [InlineData("SELECT 1; COMMIT; DELETE FROM order_items")]
    [InlineData("SELECT 1; ROLLBACK; DELETE FROM order_items;")]
    [InlineData("COMMIT; DELETE FROM order_items")]
    [InlineData("SELECT 1;\nSET TRANSACTION READ WRITE; DELETE FROM order_items")]
    public async Task Server_refuses_stacked_statements_with_the_gate_bypassed(string sql)
    {
        var act = () => db.Backend.RunAsync(sql);
        // A leading COMMIT is already a syntax error for PostgreSQL's parser (sql_error); either way, refused.
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().BeOneOf(ErrorCodes.EngineRefused, ErrorCodes.SqlError);
        (await db.AdminScalarAsync($"SELECT count(*) FROM \"{db.Schema}\".order_items")).Should().Be(3L);
    }

    [Theory]
    [InlineData("DELETE FROM order_items")]
    [InlineData("UPDATE orders SET status = 'x'")]
    [InlineData("INSERT INTO regions VALUES (9, 'X', 'Y')")]
    [InlineData("WITH d AS (DELETE FROM order_items RETURNING *) SELECT count(*) FROM d")]
    [InlineData("SELECT * FROM orders FOR UPDATE")]
    [InlineData("SELECT * INTO stolen FROM orders")]
    [InlineData("CREATE TABLE stolen AS SELECT * FROM orders")]
    [InlineData("COPY orders TO '/tmp/mcpdataenv-stolen.csv'")]
    [InlineData("TRUNCATE order_items")]
    [InlineData("DROP TABLE order_items")]
    [InlineData("SET TRANSACTION READ WRITE")]
    [InlineData("SELECT set_config('transaction_read_only', 'off', true)")]
    public async Task Writes_and_escapes_are_refused_and_change_nothing(string sql)
    {
        var act = () => db.Backend.RunAsync(sql);
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().BeOneOf(ErrorCodes.EngineRefused, ErrorCodes.SqlError);
        (await db.AdminScalarAsync($"SELECT count(*) FROM \"{db.Schema}\".order_items")).Should().Be(3L);
        (await db.AdminScalarAsync($"SELECT count(*) FROM \"{db.Schema}\".orders WHERE status = 'x'")).Should().Be(0L);
        (await db.AdminScalarAsync($"SELECT to_regclass('\"{db.Schema}\".stolen') IS NULL")).Should().Be(true);
        File.Exists("/tmp/mcpdataenv-stolen.csv").Should().BeFalse();
    }

    [Fact]
    public async Task Search_path_is_pinned_to_the_schema_and_pg_catalog()
    {
        var result = await db.Backend.RunAsync("SELECT current_setting('search_path'), current_setting('transaction_read_only')");
        result.Rows[0][0].Should().Be($"\"{db.Schema}\", pg_catalog, pg_temp");
        result.Rows[0][1].Should().Be("on");
    }
}
