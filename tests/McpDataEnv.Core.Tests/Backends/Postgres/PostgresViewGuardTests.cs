using System.Globalization;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>
/// A role with row filters may not name a view that reads with its owner's rights, nor a materialized view: row-level
/// security would not filter their rows. Every view here is the operator's (owned by the admin) and granted to the
/// reader role, the careless case. Names are unique per test, because the guard matches names in every schema.
/// </summary>
public sealed class PostgresViewGuardTests(PostgresRowSecurityFixture db) : IClassFixture<PostgresRowSecurityFixture>
{
    private static IAccessScope Emea => SqliteRowFilterTests.Scope("emea_manager");

    private static IAccessScope Analyst => SqliteRowFilterTests.Scope("analyst");

    [Fact]
    public async Task A_row_filtered_role_is_refused_a_view_that_reads_with_its_owners_rights()
    {
        var view = await OrdersViewAsync("v_owner", "");

        var refusal = await RefusalAsync($"SELECT count(DISTINCT region_id) FROM {view}", Emea);

        refusal.Code.Should().Be(ErrorCodes.AccessDenied);
        refusal.Details["rule"].Should().Be("postgres.row_filter_view");
        refusal.Details["table"].Should().Be($"{db.Schema}.{view}");
        refusal.Message.Should().Contain("Query the base tables instead");
    }

    [Fact]
    public async Task A_row_filtered_role_is_refused_a_materialized_view()
    {
        var view = Unique("mv_orders");
        await db.AdminAsync(
            $"CREATE MATERIALIZED VIEW {db.Schema}.{view} AS SELECT order_id, region_id FROM {db.Schema}.orders",
            $"GRANT SELECT ON {db.Schema}.{view} TO {db.Reader}");

        var refusal = await RefusalAsync($"SELECT count(*) FROM {view}", Emea);

        refusal.Details["rule"].Should().Be("postgres.row_filter_view");
        refusal.Details["table"].Should().Be($"{db.Schema}.{view}");
    }

    [Fact]
    public async Task A_row_filtered_role_may_read_a_security_invoker_view_and_sees_only_its_own_rows()
    {
        var view = await OrdersViewAsync("v_invoker", " WITH (security_invoker = true)");

        (await ScalarAsync($"SELECT count(DISTINCT region_id) FROM {view}", Emea)).Should().Be(1);
    }

    [Fact]
    public async Task A_role_without_row_filters_may_read_a_view_that_reads_with_its_owners_rights()
    {
        var view = await OrdersViewAsync("v_owner", "");

        (await ScalarAsync($"SELECT count(DISTINCT region_id) FROM {view}", Analyst)).Should().Be(4);
    }

    [Theory]
    [InlineData("SELECT count(DISTINCT region_id) FROM {view}")]
    [InlineData("SELECT count(DISTINCT region_id) FROM {schema}.{VIEW}")]
    [InlineData("SELECT count(DISTINCT o.region_id) FROM orders o WHERE EXISTS (SELECT 1 FROM \"{view}\" v WHERE v.order_id = o.order_id)")]
    public async Task A_view_is_recognised_however_it_is_spelled(string sql)
    {
        var view = await OrdersViewAsync("v_owner", "");

        var refusal = await RefusalAsync(Spell(sql, view), Emea);

        refusal.Details["rule"].Should().Be("postgres.row_filter_view");
    }

    [Fact]
    public async Task A_view_with_a_quoted_mixed_case_name_is_recognised_by_its_exact_name()
    {
        var view = Unique("V_Mixed");
        await db.AdminAsync(
            $"CREATE VIEW {db.Schema}.\"{view}\" AS SELECT order_id, region_id FROM {db.Schema}.orders",
            $"GRANT SELECT ON {db.Schema}.\"{view}\" TO {db.Reader}");

        var refusal = await RefusalAsync($"SELECT count(*) FROM \"{view}\"", Emea);

        refusal.Details["table"].Should().Be($"{db.Schema}.{view}");
    }

    [Fact]
    public async Task A_view_named_only_inside_a_string_or_a_comment_is_not_refused()
    {
        var view = await OrdersViewAsync("v_owner", "");

        var sql = $"SELECT count(DISTINCT region_id) FROM orders WHERE '{view}' <> '' /* {view} */ -- {view}";

        (await ScalarAsync(sql, Emea)).Should().Be(1);
    }

    [Fact]
    public async Task A_same_named_view_in_another_schema_refuses_too()
    {
        // Conservative by design: names are matched in every schema, whatever the search path resolves them to.
        var name = Unique("t_regions");
        var other = db.Schema + "_other";
        try
        {
            await db.AdminAsync(
                $"CREATE TABLE {db.Schema}.{name} AS SELECT region_id FROM {db.Schema}.regions",
                $"GRANT SELECT ON {db.Schema}.{name} TO {db.Reader}",
                $"CREATE SCHEMA {other}",
                $"CREATE VIEW {other}.{name} AS SELECT 1 AS region_id");

            var refusal = await RefusalAsync($"SELECT count(*) FROM {name}", Emea);

            refusal.Details["table"].Should().Be($"{other}.{name}");
            (await ScalarAsync($"SELECT count(*) FROM {name}", Analyst)).Should().Be(4);
        }
        finally
        {
            await db.AdminAsync($"DROP SCHEMA IF EXISTS {other} CASCADE");
        }
    }

    private static string Unique(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private string Spell(string sql, string view) =>
        sql.Replace("{schema}", db.Schema).Replace("{view}", view).Replace("{VIEW}", view.ToUpperInvariant());

    /// <summary>A view over every order (and its region), owned by the admin and granted to the reader role.</summary>
    private async Task<string> OrdersViewAsync(string prefix, string options)
    {
        var view = Unique(prefix);
        await db.AdminAsync(
            $"CREATE VIEW {db.Schema}.{view}{options} AS SELECT order_id, region_id FROM {db.Schema}.orders",
            $"GRANT SELECT ON {db.Schema}.{view} TO {db.Reader}");
        return view;
    }

    private async Task<DataEnvException> RefusalAsync(string sql, IAccessScope scope)
    {
        var act = () => db.Backend.RunAsync(sql, access: scope);
        return (await act.Should().ThrowAsync<DataEnvException>()).Which;
    }

    private async Task<long> ScalarAsync(string sql, IAccessScope scope) =>
        Convert.ToInt64((await db.Backend.RunAsync(sql, access: scope)).Rows[0][0], CultureInfo.InvariantCulture);
}
