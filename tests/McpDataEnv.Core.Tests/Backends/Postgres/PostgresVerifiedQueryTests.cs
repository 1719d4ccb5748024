using System.Text.Json;
using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

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

    [Theory]
    [InlineData("""
        SELECT 123456789012345678901234567890.123::numeric AS big, 19.50::numeric(12,2) AS money, 42::int4 AS i, 1.5::float8 AS f,
               'NaN'::float8 AS nan, true AS b, DATE '2024-02-29' AS d, TIMESTAMP '2024-05-01 10:00:00.5' AS ts,
               TIMESTAMPTZ '2024-05-01 12:00:00+02' AS tstz, '6f9619ff-8b86-d011-b42d-00cf4fc964ff'::uuid AS u,
               '{"a": [1, 2]}'::jsonb AS j, INTERVAL '1 day 2 hours' AS iv, NULL::text AS n
        """)]
    [InlineData("SELECT ARRAY[1, 2, NULL]::int[] AS arr, '\\xDEADBEEF'::bytea AS bin, 7::bigint AS n")]
    [InlineData("SELECT order_id, customer_id, ordered_at, status FROM orders ORDER BY order_id")]
    public async Task A_remembered_text_returns_exactly_what_its_first_run_returned(string sql)
    {
        var first = await db.Backend.RunAsync(sql);
        var again = await db.Backend.RunAsync(sql);

        again.Columns.Should().Equal(first.Columns);
        JsonSerializer.Serialize(again.Rows).Should().Be(JsonSerializer.Serialize(first.Rows));
    }

    [Fact]
    public void Batches_can_ask_for_text_results_so_a_remembered_text_runs_in_one_round_trip() =>
        PostgresTextResults.TryRequest(new NpgsqlBatch()).Should().BeTrue("the pinned Npgsql exposes the batch's text-results switch");

    [Fact]
    public async Task A_remembered_text_that_now_fails_leaves_no_transaction_open()
    {
        var view = $"\"{db.Schema}\".v_gone_{Guid.NewGuid():N}";
        await db.AdminAsync($"CREATE VIEW {view} AS SELECT region_id FROM \"{db.Schema}\".regions");
        var sql = $"SELECT * FROM {view}";
        await db.Backend.RunAsync(sql);
        await db.AdminAsync($"DROP VIEW {view}");

        var act = () => db.Backend.RunAsync(sql);
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.SqlError);
        for (var i = 0; i < 3; i++)
        {
            (await db.Backend.RunAsync("SELECT current_setting('transaction_read_only')")).Rows[0][0].Should().Be("on");
        }
    }

    [Theory]
    [InlineData("SELECT 1 AS x; COMMIT; DELETE FROM order_items")]
    [InlineData("SELECT 1 AS x; ROLLBACK; DELETE FROM order_items;")]
    public async Task A_stacked_text_planted_among_the_remembered_ones_is_still_refused_by_the_server(string sql)
    {
        // The text gate and EXPLAIN never let such a text be remembered; plant it to prove the one-round-trip
        // batch alone still sends it as one Parse, which PostgreSQL refuses.
        using var cache = new MemoryCache(new MemoryCacheOptions());
        await using var backend = new PostgresBackend(db.ConnectionString, db.Schema, readerRole: null, cache);
        var request = new QueryRequest(sql, 10, TimeSpan.FromSeconds(10), 10_000_000, UnrestrictedAccess.Instance);
        new PostgresVerifiedQueries(cache, null).Remember(request, new PostgresVerdict([new ResultColumn("x", "integer")], []));

        var act = () => backend.ExecuteAsync(request, CancellationToken.None);

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.EngineRefused);
        (await db.AdminScalarAsync($"SELECT count(*) FROM \"{db.Schema}\".order_items")).Should().Be(3L);
    }

    [Fact]
    public async Task A_remembered_text_whose_function_became_volatile_is_refused_on_the_next_run()
    {
        var name = $"f_{Guid.NewGuid():N}";
        await db.AdminAsync($"CREATE FUNCTION \"{db.Schema}\".{name}() RETURNS int LANGUAGE sql STABLE AS 'SELECT 1'");
        var sql = $"SELECT {name}() AS one";
        (await db.Backend.RunAsync(sql)).Rows.Single().Should().Equal(1L);
        (await db.Backend.RunAsync(sql)).Rows.Single().Should().Equal([1L], "the remembered verdict serves the repeat");

        await db.AdminAsync($"ALTER FUNCTION \"{db.Schema}\".{name}() VOLATILE");
        var act = () => db.Backend.RunAsync(sql);

        var refusal = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        refusal.Code.Should().Be(ErrorCodes.EngineRefused);
        refusal.Details["function"].Should().Be(name);
        (await db.Backend.RunAsync("SELECT current_setting('transaction_read_only')")).Rows[0][0].Should().Be("on");
    }

    [Theory]
    [InlineData("SELECT upper(code), current_setting('TimeZone') AS tz FROM regions")]
    [InlineData("SELECT code, count(*) FILTER (WHERE region_id > 1) OVER (ORDER BY code) FROM regions")]
    public async Task A_remembered_text_that_calls_only_built_ins_repeats_without_the_volatility_re_check(string sql)
    {
        var verdict = await VerdictAfterOneRun(sql);

        verdict.Functions.Should().BeEmpty("only initdb's functions carry these names, and only a superuser can change those");
    }

    [Fact]
    public async Task A_built_in_name_that_a_function_in_any_other_schema_also_carries_is_still_re_checked()
    {
        var other = $"o_{Guid.NewGuid():N}";
        await db.AdminAsync($"CREATE SCHEMA \"{other}\"");
        try
        {
            await db.AdminAsync($"CREATE FUNCTION \"{other}\".initcap(text) RETURNS text LANGUAGE sql STABLE AS 'SELECT $1'");

            var verdict = await VerdictAfterOneRun("SELECT initcap(code), upper(code) FROM regions");

            verdict.Functions.Should().Equal(["initcap"], "the name can resolve to a function someone created");
        }
        finally
        {
            await db.AdminAsync($"DROP SCHEMA \"{other}\" CASCADE");
        }
    }

    [Fact]
    public async Task A_name_no_function_carries_is_still_re_checked_because_a_function_could_take_it()
    {
        // dom(value) is a cast to the domain while no function is named dom; one created later would be called instead.
        var domain = $"dom_{Guid.NewGuid():N}";
        await db.AdminAsync($"CREATE DOMAIN \"{db.Schema}\".{domain} AS text");

        var verdict = await VerdictAfterOneRun($"SELECT {domain}(code) AS d FROM regions");

        verdict.Functions.Should().Equal(domain);
    }

    private async Task<PostgresVerdict> VerdictAfterOneRun(string sql)
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        await using var backend = new PostgresBackend(db.ConnectionString, db.Schema, readerRole: null, cache);
        var request = new QueryRequest(sql, 10, TimeSpan.FromSeconds(10), 10_000_000, UnrestrictedAccess.Instance);
        await backend.ExecuteAsync(request, CancellationToken.None);
        return new PostgresVerifiedQueries(cache, null).Find(request)!;
    }
}
