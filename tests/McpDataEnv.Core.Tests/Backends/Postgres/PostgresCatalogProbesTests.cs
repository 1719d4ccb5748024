using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>
/// Functions and casts that answer catalog questions (does payroll exist, how big is it, may I read customers.email,
/// what is this view's definition) without reading a catalog relation the plan shows: a role the policy restricts is
/// refused them before the query runs, with one refusal whether or not the object asked about exists; an
/// unrestricted scope keeps them. Queries run as the fixture's reader role, as the server runs them.
/// </summary>
public sealed class PostgresCatalogProbesTests(PostgresRowSecurityFixture db) : IClassFixture<PostgresRowSecurityFixture>
{
    private static IAccessScope Analyst => SqliteRowFilterTests.Scope("analyst");

    public static TheoryData<string> Probes => new()
    {
        "SELECT to_regclass('payroll')",
        "SELECT to_regclass('payroll') IS NOT NULL",
        "SELECT 'payroll'::regclass",
        "SELECT 'payroll'::pg_catalog.regclass::oid",
        "SELECT CAST('payroll' AS regclass)",
        "SELECT CAST('payroll' AS \"regclass\")",
        "SELECT regclass 'payroll'",
        "SELECT '{payroll}'::regclass[]",
        "SELECT '{payroll}'::_regclass",
        "SELECT 'payroll'::text::regtype",
        "SELECT to_regtype('payroll')",
        "SELECT pg_table_size('payroll')",
        "SELECT pg_relation_size('payroll')",
        "SELECT pg_total_relation_size('payroll')",
        "SELECT pg_catalog.pg_total_relation_size('payroll')",
        "SELECT \"pg_table_size\"('payroll')",
        "SELECT has_table_privilege('payroll', 'SELECT')",
        "SELECT has_column_privilege('customers', 'email', 'SELECT')",
        "SELECT has_any_column_privilege('payroll', 'SELECT')",
        "SELECT pg_get_viewdef('contact_list')",
        "SELECT pg_get_indexdef(16400)",
        "SELECT pg_get_constraintdef(16400)",
        "SELECT obj_description(16400, 'pg_class')",
        "SELECT col_description(16400, 1)",
        "SELECT format_type(t, NULL) FROM generate_series(16384, 16500) t",
        "SELECT pg_get_serial_sequence('payroll', 'salary')",
        "SELECT pg_table_is_visible(16400)",
        "SELECT pg_describe_object(1259, 16400, 0)",
        "SELECT * FROM pg_identify_object(1259, 16400, 0)",
        "SELECT pg_get_expr('x', 16400)",
        "SELECT pg_stat_get_live_tuples(16400)",
        "SELECT pg_typeof(1)",
        "SELECT count(*) FROM orders WHERE to_regclass('payroll') IS NOT NULL",
        "SELECT count(*) FROM orders o, LATERAL (SELECT pg_table_size('payroll')) s",
    };

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task A_restricted_role_is_refused_a_function_or_cast_that_answers_from_the_catalog(string sql)
    {
        var refusal = await RefusalAsync(sql, Analyst);

        refusal.Code.Should().Be(ErrorCodes.AccessDenied);
        refusal.Details["rule"].Should().Be("analyst.catalog");
        refusal.Message.Should().Contain("describe_schema");
    }

    [Theory]
    [InlineData("SELECT to_regclass('{0}')")]
    [InlineData("SELECT '{0}'::regclass")]
    [InlineData("SELECT pg_table_size('{0}')")]
    [InlineData("SELECT has_table_privilege('{0}', 'SELECT')")]
    [InlineData("SELECT has_column_privilege('{0}', 'salary', 'SELECT')")]
    [InlineData("SELECT pg_get_serial_sequence('{0}', 'salary')")]
    [InlineData("SELECT pg_get_viewdef('{0}')")]
    public async Task The_refusal_is_the_same_whether_the_table_exists_or_not(string template)
    {
        await SameRefusalForHiddenAndMissingAsync(name => string.Format(template, name));
    }

    [Fact]
    public async Task What_is_refused_to_a_restricted_role_answers_an_unrestricted_scope()
    {
        const string sql =
            "SELECT to_regclass('payroll')::text, has_table_privilege('payroll', 'SELECT'), has_column_privilege('customers', 'email', 'SELECT'), pg_typeof(1)::text";

        (await RefusalAsync(sql, Analyst)).Code.Should().Be(ErrorCodes.AccessDenied);
        (await db.Backend.RunAsync(sql)).Rows[0].Should().Equal("payroll", true, false, "integer");
    }

    [Theory]
    [InlineData("SELECT region_id, count(*) FROM customers GROUP BY region_id")]
    [InlineData("SELECT 'regclass' AS s, 'to_regclass(payroll)' AS t /* pg_table_size('payroll') */")]
    [InlineData("SELECT status, count(*)::int, sum(quantity * unit_price)::numeric(14, 2) FROM orders JOIN order_items USING (order_id) GROUP BY status")]
    [InlineData("SELECT date_trunc('month', ordered_at)::date AS m, count(*) FROM orders GROUP BY 1 ORDER BY 1 LIMIT 3")]
    [InlineData("SELECT min(signup_date), max(signup_date), int8(count(*)) FROM customers")] // max(oid), int8(oid) exist too
    [InlineData("SELECT count(*) FROM products WHERE to_tsvector('english', name) @@ to_tsquery('english'::regconfig, 'lamp | desk')")]
    public async Task Only_the_call_or_cast_is_refused_and_analytics_beside_it_still_run(string analytics)
    {
        var probing = $"SELECT to_regclass('payroll') IS NULL AS probe, x.* FROM ({analytics}) x";

        (await RefusalAsync(probing, Analyst)).Code.Should().Be(ErrorCodes.AccessDenied);
        (await db.Backend.RunAsync(analytics, access: Analyst)).Rows.Should().NotBeEmpty();
    }

    /// <summary>Every way to name a table's row type: <c>{0}</c> is the table, <c>{1}</c> its schema.</summary>
    public static TheoryData<string> RowTypeUses => new()
    {
        "SELECT (NULL::{1}.{0}).*",
        "SELECT (NULL::{0}).*",
        "SELECT (NULL::{0}).salary",
        "SELECT * FROM json_populate_record(NULL::{1}.{0}, '{{}}')",
        "SELECT * FROM jsonb_populate_recordset(NULL::{1}.{0}, '[]')",
        "SELECT * FROM json_populate_recordset(NULL::{0}, '[]')",
        "SELECT row_to_json(NULL::{1}.{0})",
        "SELECT ROW(1, 'x', 2)::{1}.{0}",
        "SELECT '(1,x,2)'::{1}.{0}",
        "SELECT CAST(NULL AS {1}.{0})",
        "SELECT CAST(NULL AS \"{0}\")",
        "SELECT NULL::{1}.{0}[]",
        "SELECT NULL::{0}(1)",
        "SELECT '{{}}'::_{0}",
        "SELECT unnest(ARRAY[]::{0}[])",
        "SELECT NULL :: /* c */ {1} . \"{0}\"",
        "SELECT {0} '(1,x,2)'",
        "SELECT {1}.{0}(1) '(1,x,2)'",
        "SELECT XMLSERIALIZE(CONTENT NULL AS {0})",
        "SELECT * FROM json_to_record('{{}}') AS x(a {0})",
        "SELECT * FROM json_to_record('{{}}') x(a int, b {1}.{0})",
        "SELECT * FROM ROWS FROM (json_to_record('{{}}') AS (a {0}))",
        "SELECT count(*) FROM orders WHERE (NULL::{0}) IS NULL",
        "SELECT x.* FROM (SELECT (NULL::{0}).*) x",
    };

    [Theory]
    [MemberData(nameof(RowTypeUses))]
    public async Task A_restricted_role_is_refused_a_hidden_tables_row_type_wherever_it_stands(string template)
    {
        var refusal = await RefusalAsync(string.Format(template, "payroll", db.Schema), Analyst);

        refusal.Code.Should().Be(ErrorCodes.AccessDenied);
        refusal.Details["rule"].Should().Be("analyst.catalog");
        refusal.Message.Should().Contain("row type").And.Contain("describe_schema").And.NotContain("payroll");
    }

    [Theory]
    [MemberData(nameof(RowTypeUses))]
    public async Task A_row_type_refusal_is_the_same_whether_the_table_exists_or_not(string template)
    {
        await SameRefusalForHiddenAndMissingAsync(name => string.Format(template, name, db.Schema));
    }

    [Theory]
    [InlineData("SELECT (NULL::customers).email")] // a readable table with PII columns
    [InlineData("SELECT * FROM jsonb_populate_recordset(NULL::{0}.customers, '[]')")]
    [InlineData("SELECT (NULL::regions).*")] // even one the role may read in full: no row type at all
    [InlineData("SELECT * FROM json_populate_record(NULL::regions, '{{\"code\": \"EU\"}}')")]
    [InlineData("SELECT (NULL::{0}.staff).*")] // a view
    [InlineData("SELECT NULL::pg_catalog.pg_authid")] // the catalog's own relations
    [InlineData("SELECT (NULL::pg_class).relname")]
    [InlineData("SELECT (NULL::information_schema.columns).*")]
    public async Task A_restricted_role_may_not_name_any_relations_row_type(string template)
    {
        await db.AdminAsync($"CREATE OR REPLACE VIEW {db.Schema}.staff AS SELECT full_name FROM {db.Schema}.payroll");

        var refusal = await RefusalAsync(string.Format(template, db.Schema), Analyst);

        refusal.Code.Should().Be(ErrorCodes.AccessDenied);
        refusal.Details["rule"].Should().Be("analyst.catalog");
    }

    [Fact]
    public async Task A_misspelt_type_gets_the_row_type_refusal_for_a_restricted_role_and_PostgreSQLs_error_otherwise()
    {
        const string sql = "SELECT 1.5::nmeric";

        (await RefusalAsync(sql, Analyst)).Message.Should().Be((await RefusalAsync("SELECT NULL::payroll", Analyst)).Message);
        var unrestricted = await RefusalAsync(sql, UnrestrictedAccess.Instance);
        unrestricted.Code.Should().Be(ErrorCodes.SqlError);
        unrestricted.Message.Should().Contain("type \"nmeric\" does not exist");
    }

    [Fact]
    public async Task An_unrestricted_scope_keeps_row_types()
    {
        var columns = await db.Backend.RunAsync("SELECT (NULL::payroll).*");
        var populated = await db.Backend.RunAsync("SELECT email FROM json_populate_record(NULL::customers, '{\"email\": \"a@example.com\"}')");

        columns.Columns.Select(c => c.Name).Should().Equal("employee_id", "full_name", "salary");
        populated.Rows[0].Should().Equal("a@example.com");
    }

    [Theory]
    [InlineData("SELECT order_id, ordered_at::date, ordered_at::date::text, CAST(ordered_at AS date) FROM orders LIMIT 3")]
    [InlineData("SELECT '12.5'::numeric, 3.7::int, '1 day'::interval, '{\"a\": 1}'::jsonb, '{a,b}'::text[], date '2024-01-01', interval '2 hours'")]
    [InlineData("SELECT unit_price::numeric(10, 2), sku::varchar(20), 1::double precision, now()::timestamp with time zone FROM products LIMIT 3")]
    [InlineData("SELECT region_id, count(*) AS orders, count(*) customers FROM orders GROUP BY region_id")]
    [InlineData("WITH payroll AS (SELECT 1 AS n) SELECT n FROM payroll")]
    [InlineData("SELECT o.status, count(*) FROM (orders o JOIN regions r ON r.region_id = o.region_id) GROUP BY o.status")]
    [InlineData("SELECT * FROM json_to_record('{\"a\": 1, \"b\": \"x\"}') AS x(a int, b text)")]
    [InlineData("SELECT status, sum(1) FILTER (WHERE channel = 'web') FROM orders GROUP BY status ORDER BY status NULLS LAST")]
    [InlineData("SELECT count(*) FROM products WHERE to_tsvector('english', name) @@ to_tsquery('english', 'lamp')")]
    public async Task Ordinary_casts_and_tables_named_like_aliases_still_run_for_a_restricted_role(string sql) =>
        (await db.Backend.RunAsync(sql, access: Analyst)).Rows.Should().NotBeEmpty();

    // The analyst's refusal of the query naming the hidden payroll table, word for word the one naming no table at all.
    private async Task SameRefusalForHiddenAndMissingAsync(Func<string, string> sqlNaming)
    {
        var hidden = await RefusalAsync(sqlNaming("payroll"), Analyst);
        var missing = await RefusalAsync(sqlNaming("no_such_table"), Analyst);

        missing.Code.Should().Be(hidden.Code).And.Be(ErrorCodes.AccessDenied);
        missing.Message.Should().Be(hidden.Message);
        missing.Details.Should().Equal(hidden.Details);
    }

    private async Task<DataEnvException> RefusalAsync(string sql, IAccessScope scope)
    {
        var act = () => db.Backend.RunAsync(sql, access: scope);
        return (await act.Should().ThrowAsync<DataEnvException>()).Which;
    }
}
