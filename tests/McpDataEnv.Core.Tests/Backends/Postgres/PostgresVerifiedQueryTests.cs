using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>A text that passed the plan checks is remembered briefly, per access scope, and never outlives its result shape.</summary>
public sealed class PostgresVerifiedQueryTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    private sealed class NoEmail : IAccessScope
    {
        public string Principal => "analyst";
        public string Role => "analyst";
        public IReadOnlyDictionary<string, string> RowFilters { get; } = new Dictionary<string, string>();
        public AccessDenial? CheckRead(string table, string column) =>
            (table, column) is ("customers", "email") ? new AccessDenial(table, column, "analyst.deny", "not for analysts") : null;
    }

    [Fact]
    public async Task A_text_allowed_for_one_scope_is_still_checked_for_another()
    {
        const string Sql = "SELECT email FROM customers ORDER BY customer_id";
        (await db.Backend.RunAsync(Sql)).Rows.Should().HaveCount(3);
        (await db.Backend.RunAsync(Sql)).Rows.Should().HaveCount(3, "the remembered verdict serves the same scope");

        var act = () => db.Backend.RunAsync(Sql, access: new NoEmail());
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.AccessDenied);
    }

    [Fact]
    public async Task A_remembered_text_whose_result_columns_change_is_described_again()
    {
        var view = $"\"{db.Schema}\".v_regions_{Guid.NewGuid():N}";
        await db.AdminAsync($"CREATE VIEW {view} AS SELECT region_id FROM \"{db.Schema}\".regions");
        var sql = $"SELECT * FROM {view} ORDER BY 1";
        (await db.Backend.RunAsync(sql)).Columns.Should().HaveCount(1);
        (await db.Backend.RunAsync(sql)).Columns.Should().HaveCount(1);

        await db.AdminAsync($"CREATE OR REPLACE VIEW {view} AS SELECT region_id, code FROM \"{db.Schema}\".regions");
        var after = await db.Backend.RunAsync(sql);

        after.Columns.Select(c => c.Name).Should().Equal("region_id", "code");
        after.Rows[0].Should().Equal(1L, "EMEA");
    }

    [Fact]
    public async Task Remembered_texts_still_run_read_only_with_limits_and_timeouts()
    {
        const string Sql = "SELECT order_id FROM orders ORDER BY order_id";
        (await db.Backend.RunAsync(Sql, maxRows: 1)).Truncated.Should().BeTrue();
        var again = await db.Backend.RunAsync(Sql, maxRows: 1);
        again.Truncated.Should().BeTrue();
        again.Rows.Should().ContainSingle().Which.Should().Equal(10L);
        (await db.Backend.RunAsync("SELECT current_setting('transaction_read_only')")).Rows[0][0].Should().Be("on");
        (await db.Backend.RunAsync("SELECT current_setting('transaction_read_only')")).Rows[0][0].Should().Be("on");
    }
}
