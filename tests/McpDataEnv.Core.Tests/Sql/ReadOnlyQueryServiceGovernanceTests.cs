using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Sql;
using McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Sql;

/// <summary>
/// Scripts' <c>sql()</c> and triangulation reach the database only through <see cref="ReadOnlyQueryService"/>,
/// so the policy and row filters hold for them exactly as for run_readonly_sql.
/// </summary>
public sealed class ReadOnlyQueryServiceGovernanceTests : IClassFixture<SeededDatabase>
{
    private readonly ReadOnlyQueryService _queries;

    public ReadOnlyQueryServiceGovernanceTests(SeededDatabase db) =>
        _queries = new ReadOnlyQueryService(new ReadOnlySqlGate(), db.Backend, LimitSettings.Defaults);

    [Theory]
    [InlineData("analyst", "SELECT email FROM customers")]
    [InlineData("analyst", "SELECT sum(unit_cost) FROM products")]
    [InlineData("analyst", "SELECT count(*) FROM payroll")]
    [InlineData("finance", "SELECT phone FROM customers")]
    [InlineData("emea_manager", "SELECT count(*) FROM main.orders")]
    [InlineData("hr", "SELECT count(*) FROM orders")]
    public async Task Denied_reads_are_refused_on_the_shared_query_path(string role, string sql)
    {
        var act = () => _queries.RunAsync(sql, null, SqliteRowFilterTests.Scope(role), null, CancellationToken.None);

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.AccessDenied);
    }

    [Fact]
    public async Task Row_filters_hold_on_the_shared_query_path()
    {
        var result = await _queries.RunAsync("SELECT DISTINCT r.code FROM orders o JOIN regions r ON r.region_id = o.region_id", null, SqliteRowFilterTests.Scope("emea_manager"), null, CancellationToken.None);

        result.Rows.Select(r => r[0]).Should().Equal("EMEA");
    }
}
