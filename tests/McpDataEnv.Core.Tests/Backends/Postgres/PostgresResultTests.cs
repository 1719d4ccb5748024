using System.Text.Json;
using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>Exact types, row caps that never drain huge results, timeouts that free the connection.</summary>
public sealed class PostgresResultTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    [Fact]
    public async Task Types_round_trip_exactly()
    {
        var r = await db.Backend.RunAsync("""
            SELECT 123456789012345678901234567890.123::numeric AS big, 19.50::numeric(12,2) AS money, 42::int4 AS i,
                   1.5::float8 AS f, true AS b, DATE '2024-02-29' AS d, TIMESTAMP '2024-05-01 10:00:00.5' AS ts,
                   TIMESTAMPTZ '2024-05-01 12:00:00+02' AS tstz, '6f9619ff-8b86-d011-b42d-00cf4fc964ff'::uuid AS u,
                   '{"a": [1, 2]}'::jsonb AS j, ARRAY[1, 2, NULL]::int[] AS arr, '\xDEADBEEF'::bytea AS bin,
                   INTERVAL '1 day 2 hours' AS iv, NULL::text AS n
            """);
        r.Columns.Select(c => c.Type).Should().Equal("numeric", "numeric", "integer", "double precision", "boolean", "date",
            "timestamp without time zone", "timestamp with time zone", "uuid", "jsonb", "integer[]", "bytea", "interval", "text");
        var row = r.Rows.Single();
        row[0].Should().Be("123456789012345678901234567890.123");
        row[1].Should().Be(19.50m);
        row[2].Should().Be(42L);
        row[3].Should().Be(1.5d);
        row[4].Should().Be(true);
        row[5].Should().Be("2024-02-29");
        row[6].Should().Be("2024-05-01T10:00:00.5");
        row[7].Should().Be("2024-05-01T10:00:00Z");
        row[8].Should().Be("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
        ((JsonElement)row[9]!).GetProperty("a").GetArrayLength().Should().Be(2);
        ((JsonElement)row[10]!).GetRawText().Should().Be("[1,2,null]");
        row[11].Should().BeEquivalentTo(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF });
        row[12].Should().Be("P1DT2H");
        row[13].Should().BeNull();
    }

    [Fact]
    public async Task Ten_million_rows_with_max_rows_1000_are_truncated_without_draining()
    {
        var r = await db.Backend.RunAsync("SELECT g FROM generate_series(1, 10000000) g", maxRows: 1000);
        r.Rows.Should().HaveCount(1000);
        r.Truncated.Should().BeTrue();
        r.Truncation.Should().Be(ResultTruncation.Rows);
        (await db.Backend.RunAsync("SELECT region_id FROM regions", maxRows: 2)).Truncated.Should().BeFalse();
    }

    [Fact]
    public async Task Timeout_is_reported_and_frees_the_connection()
    {
        var act = () => db.Backend.RunAsync("SELECT count(*) FROM generate_series(1, 1000000000)", timeout: TimeSpan.FromMilliseconds(300));
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.Timeout);
        for (var i = 0; i < 3; i++) (await db.Backend.RunAsync("SELECT 1")).Rows.Should().HaveCount(1);
        (await db.AdminScalarAsync(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mcpdataenv' AND query LIKE '%1000000000%' AND state = 'active'"))
            .Should().Be(0L);
    }

    [Fact]
    public async Task Result_size_cap_returns_the_rows_that_fit_and_says_so()
    {
        var r = await db.Backend.RunAsync("SELECT repeat('x', 1000) FROM generate_series(1, 100)", maxBytes: 10_000);
        r.Truncation.Should().Be(ResultTruncation.Bytes);
        r.Rows.Should().HaveCount(9).And.OnlyContain(row => ((string)row[0]!).Length == 1000);
    }

    [Fact]
    public async Task Result_size_cap_refuses_when_not_even_one_row_fits()
    {
        var act = () => db.Backend.RunAsync("SELECT repeat('x', 10000)", maxBytes: 1_000);
        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.ResultTooLarge);
    }

    [Theory]
    [InlineData("SELECT nope FROM customers", ErrorCodes.SqlError)]
    [InlineData("SELEC 1", ErrorCodes.SqlError)]
    [InlineData("SELECT 1/0", ErrorCodes.SqlError)]
    public async Task Errors_map_to_codes_without_secrets(string sql, string code)
    {
        var act = () => db.Backend.RunAsync(sql);
        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(code);
        error.Message.Should().NotContain("Password").And.NotContain("127.0.0.1");
    }
}
