using McpDataEnv.Core.Errors;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

/// <summary>The engine reports every column a statement reads, so a denied column cannot be dodged.</summary>
public sealed class SqliteAccessScopeTests : IClassFixture<SeededDatabase>
{
    private readonly SeededDatabase _db;

    public SqliteAccessScopeTests(SeededDatabase db)
    {
        _db = db;
        // A view made by the operator: reading through it must still count as reading customers.email.
        using var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE VIEW IF NOT EXISTS contact_list AS SELECT full_name, email AS contact FROM customers";
        command.ExecuteNonQuery();
    }

    [Theory]
    [InlineData("SELECT email FROM customers")]
    [InlineData("SELECT email AS x FROM customers")]
    [InlineData("SELECT * FROM customers")]
    [InlineData("SELECT c.* FROM customers c")]
    [InlineData("SELECT lower(email) FROM customers")]
    [InlineData("SELECT count(*) FROM customers WHERE email LIKE 'a%'")]
    [InlineData("SELECT full_name FROM customers ORDER BY email LIMIT 1")]
    [InlineData("SELECT region_id, count(*) FROM customers GROUP BY region_id HAVING max(email) > ''")]
    [InlineData("WITH c AS (SELECT email FROM customers) SELECT * FROM c")]
    [InlineData("SELECT (SELECT email FROM customers LIMIT 1)")]
    [InlineData("SELECT x FROM (SELECT email AS x FROM customers)")]
    [InlineData("SELECT code FROM regions UNION SELECT email FROM customers")]
    [InlineData("SELECT o.order_id FROM orders o JOIN customers c USING (customer_id) WHERE c.email = 'x'")]
    [InlineData("SELECT contact FROM contact_list")]
    [InlineData("SELECT * FROM contact_list")]
    // SQLite authorizes every column of an expanded view, so any read of a view over the denied
    // column is refused: conservative, never leaky.
    [InlineData("SELECT full_name FROM contact_list LIMIT 3")]
    [InlineData("SELECT json_group_array(email) FROM customers")]
    [InlineData("SELECT EMAIL FROM CUSTOMERS")]
    [InlineData("SELECT \"email\" FROM main.customers")]
    public async Task Scope_denial_refuses_every_way_of_reading_the_column(string sql)
    {
        var scope = new DenyColumnScope("customers", "email");

        var act = () => _db.Backend.ExecuteAsync(Requests.Query(sql, access: scope), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.AccessDenied);
        error.Message.Should().Contain("customers.email").And.Contain("analyst.deny_columns");
        error.Details["rule"].Should().Be("analyst.deny_columns");
    }

    [Theory]
    [InlineData("SELECT full_name FROM customers LIMIT 3")]
    [InlineData("SELECT count(*) FROM customers")]
    [InlineData("SELECT c.full_name, r.code FROM customers c JOIN regions r USING (region_id) LIMIT 3")]
    public async Task Scope_allows_reads_that_avoid_the_denied_column(string sql)
    {
        var result = await _db.Backend.ExecuteAsync(Requests.Query(sql, access: new DenyColumnScope("customers", "email")), CancellationToken.None);

        result.Rows.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("SELECT count(*) FROM payroll")]
    [InlineData("SELECT 1 FROM payroll LIMIT 1")]
    [InlineData("SELECT salary FROM payroll")]
    public async Task Scope_table_denial_holds_even_when_no_column_is_read(string sql)
    {
        var act = () => _db.Backend.ExecuteAsync(Requests.Query(sql, access: new DenyColumnScope("x", "y", "payroll")), CancellationToken.None);

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.AccessDenied);
    }

    [Fact]
    public async Task Scope_is_asked_about_the_real_table_and_column_behind_an_alias()
    {
        var scope = new DenyColumnScope("x", "y");

        await _db.Backend.ExecuteAsync(Requests.Query("SELECT p.salary AS pay FROM payroll p WHERE p.employee_id = 1", access: scope), CancellationToken.None);

        scope.Asked.Should().Contain(("payroll", "salary")).And.Contain(("payroll", "employee_id"));
    }

    [Fact]
    public async Task Scope_with_row_filters_sees_only_the_filtered_rows()
    {
        var scope = new DenyColumnScope("x", "y") { RowFilters = new Dictionary<string, string> { ["orders"] = "region_id = 2" } };

        var result = await _db.Backend.ExecuteAsync(Requests.Query("SELECT DISTINCT region_id FROM orders", access: scope), CancellationToken.None);

        result.Rows.Select(r => r[0]).Should().Equal(2L);
    }

    [Fact]
    public async Task Scope_that_throws_refuses_the_query_and_the_backend_keeps_working()
    {
        var act = () => _db.Backend.ExecuteAsync(Requests.Query("SELECT full_name FROM customers", access: new ThrowingScope()), CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await _db.Backend.ExecuteAsync(Requests.Query("SELECT count(*) FROM regions"), CancellationToken.None)).Rows[0][0].Should().Be(4L);
    }
}
