using System.Globalization;
using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Tests.Backends.Sqlite;
using Microsoft.Extensions.Caching.Memory;
using SqliteRequests = McpDataEnv.Core.Tests.Backends.Sqlite.Requests;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>Row filters on PostgreSQL: row-level security policies bound to the server-set role and attributes.</summary>
public sealed class PostgresRowSecurityTests : IClassFixture<PostgresRowSecurityFixture>
{
    private const string Revenue = "oi.quantity * oi.unit_price * (1 - oi.discount)";
    private readonly PostgresRowSecurityFixture _db;

    public PostgresRowSecurityTests(PostgresRowSecurityFixture db) => _db = db;

    private static IAccessScope Emea => SqliteRowFilterTests.Scope("emea_manager");

    [Theory]
    [InlineData($"SELECT SUM({Revenue}) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'")]
    [InlineData($"WITH l AS (SELECT {Revenue} AS v FROM order_items oi JOIN orders o USING (order_id) WHERE o.status = 'completed') SELECT SUM(v) FROM l")]
    [InlineData($"SELECT SUM({Revenue}) FROM order_items oi WHERE oi.order_id IN (SELECT order_id FROM orders WHERE status = 'completed')")]
    [InlineData($"SELECT DISTINCT SUM({Revenue}) OVER () FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed'")]
    [InlineData($"SELECT SUM(r) FROM (SELECT o.region_id, SUM({Revenue}) AS r FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.status = 'completed' GROUP BY o.region_id) g")]
    [InlineData($"SELECT SUM({Revenue}) FROM order_items oi NATURAL JOIN orders o WHERE o.status = 'completed'")]
    public async Task Emea_manager_revenue_by_any_route_equals_the_EMEA_only_revenue(string sql)
    {
        var expected = await Scalar(_db.Owner, $"SELECT SUM({Revenue}) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id JOIN regions r ON r.region_id = o.region_id WHERE o.status = 'completed' AND r.code = 'EMEA'", UnrestrictedAccess.Instance);

        var actual = await Scalar(_db.Backend, sql, Emea);

        actual.Should().BeApproximately(expected, 1e-9 * expected);
    }

    [Theory]
    [InlineData("SELECT count(DISTINCT region_id) FROM orders")]
    [InlineData("SELECT count(DISTINCT o.region_id) FROM order_items oi JOIN orders o ON o.order_id = oi.order_id")]
    [InlineData("SELECT count(DISTINCT region_id) FROM {schema}.orders")]
    public async Task Emea_manager_sees_one_region_however_the_table_is_named(string sql) =>
        (await Scalar(_db.Backend, sql.Replace("{schema}", _db.Schema), Emea)).Should().Be(1);

    [Fact]
    public async Task Analyst_sees_every_region() =>
        (await Scalar(_db.Backend, "SELECT count(DISTINCT region_id) FROM orders", SqliteRowFilterTests.Scope("analyst"))).Should().Be(4);

    [Theory]
    [InlineData("analyst", 4)]
    [InlineData("emea_manager", 1)]
    public async Task A_repeated_query_keeps_the_row_filter_settings_of_its_caller(string role, long regions)
    {
        // The second run of a text takes the remembered-query fast path; it must still set the caller's role and attributes.
        const string sql = "SELECT count(DISTINCT region_id) FROM orders WHERE order_id > 0";
        var scope = SqliteRowFilterTests.Scope(role);

        var first = await Scalar(_db.Backend, sql, scope);
        var second = await Scalar(_db.Backend, sql, scope);
        var third = await Scalar(_db.Backend, sql, scope);

        new[] { first, second, third }.Should().AllSatisfy(v => v.Should().Be(regions));
    }

    [Fact]
    public async Task A_caller_without_a_policy_role_sees_no_filtered_rows() =>
        (await Scalar(_db.Backend, "SELECT count(*) FROM orders", UnrestrictedAccess.Instance)).Should().Be(0);

    [Theory]
    [InlineData("SELECT pg_catalog.set_config('mcpdataenv.role', 'analyst', true), count(*) FROM orders")]
    [InlineData("SELECT count(*) FROM orders WHERE pg_catalog.set_config('mcpdataenv.attr.region', 'AMER', true) IS NOT NULL")]
    public async Task The_session_settings_cannot_be_changed_from_a_query(string sql)
    {
        var act = () => _db.Backend.ExecuteAsync(SqliteRequests.Query(sql, access: Emea), CancellationToken.None);

        await act.Should().ThrowAsync<DataEnvException>();
    }

    [Fact]
    public async Task Columns_denied_to_every_role_are_not_even_granted_to_the_reader()
    {
        var act = () => _db.Backend.ExecuteAsync(SqliteRequests.Query("SELECT email FROM customers", access: UnrestrictedAccess.Instance), CancellationToken.None);

        await act.Should().ThrowAsync<DataEnvException>();
    }

    [Fact]
    public async Task A_repeated_row_filtered_query_skips_the_volatility_re_check_its_policies_alone_would_cause()
    {
        // The policies call current_setting(), which the verbose plan shows: a built-in, so nothing to re-check.
        using var cache = new MemoryCache(new MemoryCacheOptions());
        await using var backend = new PostgresBackend(PostgresTestDatabase.AdminConnectionString, _db.Schema, _db.Reader, cache);
        var request = SqliteRequests.Query("SELECT count(DISTINCT region_id) FROM orders", access: Emea);

        var first = await backend.ExecuteAsync(request, CancellationToken.None);
        var verdict = new PostgresVerifiedQueries(cache, _db.Reader).Find(request)!;
        var repeat = await backend.ExecuteAsync(request, CancellationToken.None);

        verdict.Functions.Should().BeEmpty();
        new[] { first.Rows[0][0], repeat.Rows[0][0] }.Should().AllBeEquivalentTo(1L, "the repeat still sets the caller's filters");
    }

    private static async Task<double> Scalar(Core.Backends.IDataBackend backend, string sql, IAccessScope scope)
    {
        var result = await backend.ExecuteAsync(SqliteRequests.Query(sql, access: scope), CancellationToken.None);
        return Convert.ToDouble(result.Rows[0][0], CultureInfo.InvariantCulture);
    }
}
