using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>Every dangerous function, in every position, is refused and leaves the data unchanged.</summary>
public sealed class PostgresFunctionGuardTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    private static readonly string[] Calls =
    [
        "pg_read_file('/etc/passwd')", "pg_read_binary_file('/etc/passwd')", "pg_ls_dir('.')", "pg_stat_file('.')",
        "lo_import('/etc/passwd')", "lo_export(1, '/tmp/mcpdataenv-lo')", "lo_creat(-1)", "dblink('x', 'y')",
        "pg_terminate_backend(pg_backend_pid())", "pg_cancel_backend(pg_backend_pid())", "pg_reload_conf()",
        "pg_advisory_lock(42)", "pg_advisory_xact_lock(42)", "pg_try_advisory_lock(42)", "pg_notify('c', 'x')",
        "set_config('role', 'none', false)", "pg_sleep(30)", "txid_current()", "pg_current_xact_id()",
        "nextval('s')", "setval('s', 1)", "query_to_xml('select 1', true, true, '')",
        "table_to_xml('customers', true, true, '')", "Pg_Read_File('/etc/passwd')", "\"pg_read_file\"('/etc/passwd')",
        "pg_catalog.pg_read_file('/etc/passwd')", "pg_catalog . \"pg_ls_dir\" /* c */ ('.')", "setseed(0.5)",
        "pg_stat_get_backend_activity(1)",
    ];

    private static readonly string[] Positions =
    [
        "SELECT {0}",
        "SELECT * FROM {0} AS f",
        "SELECT 1 FROM regions WHERE {0} IS NOT NULL",
        "SELECT 1 FROM regions r CROSS JOIN LATERAL (SELECT {0}) x",
        "WITH c AS (SELECT {0} AS v) SELECT count(*) FROM c",
        "SELECT (SELECT {0}) FROM regions",
    ];

    public static TheoryData<string> Attacks()
    {
        var data = new TheoryData<string>();
        foreach (var position in Positions) foreach (var call in Calls) data.Add(string.Format(position, call));
        return data;
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Dangerous_function_is_refused_before_it_runs(string sql)
    {
        var act = () => db.Backend.RunAsync(sql);
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.EngineRefused);
    }

    [Fact]
    public async Task Whole_attack_list_leaves_every_table_identical()
    {
        var before = await ChecksumAsync();
        foreach (var sql in Positions.SelectMany(p => Calls.Select(c => string.Format(p, c))))
        {
            try { await db.Backend.RunAsync(sql); } catch (DataEnvException) { }
        }
        (await ChecksumAsync()).Should().Be(before);
        // Key 42, the one every attack asks for: other test classes share the cluster and take advisory locks of their own.
        (await db.AdminScalarAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = 42")).Should().Be(0L);
        File.Exists("/tmp/mcpdataenv-lo").Should().BeFalse();
    }

    [Fact]
    public async Task Other_sessions_queries_are_refused_through_the_view_too()
    {
        // No function in the text: the view calls pg_stat_get_activity, which the verbose plan names.
        var act = () => db.Backend.RunAsync("SELECT query, client_addr FROM pg_stat_activity");
        var refusal = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        refusal.Code.Should().Be(ErrorCodes.EngineRefused);
        refusal.Details["function"].Should().Be("pg_stat_get_activity");
    }

    [Theory]
    [InlineData("SELECT random() < 2, clock_timestamp() IS NOT NULL, gen_random_uuid() IS NOT NULL")]
    [InlineData("SELECT lower(full_name), now() IS NOT NULL, current_setting('TimeZone') FROM customers")]
    [InlineData("SELECT 'pg_read_file(1)' AS text_only /* pg_sleep(1) */ -- lo_export(1)\n")]
    [InlineData("SELECT $$ pg_read_file('x') $$, E'\\' pg_ls_dir(''.'')'")]
    public async Task Harmless_functions_and_names_inside_strings_run(string sql)
    {
        var result = await db.Backend.RunAsync(sql);
        result.Rows.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_unicode_escaped_identifier_is_read_and_checked_like_any_other()
    {
        var result = await db.Backend.RunAsync("SELECT U&\"\\0063ode\" FROM regions ORDER BY 1");
        result.Columns.Single().Name.Should().Be("code");
        result.Rows.Select(r => r[0]).Should().Equal("AMER", "EMEA");

        var act = () => db.Backend.RunAsync("SELECT U&\"pg\\005fsleep\"(5)");
        var refusal = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        refusal.Code.Should().Be(ErrorCodes.EngineRefused);
        refusal.Details["function"].Should().Be("pg_sleep");
    }

    private async Task<string> ChecksumAsync()
    {
        var parts = new List<string>();
        foreach (var table in new[] { "regions", "customers", "products", "orders", "order_items", "payroll" })
        {
            parts.Add((string)(await db.AdminScalarAsync(
                $"SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{db.Schema}\".{table} t"))!);
        }
        return string.Join(",", parts);
    }
}
