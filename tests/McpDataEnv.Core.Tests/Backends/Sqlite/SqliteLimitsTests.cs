using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

public sealed class SqliteLimitsTests(SeededDatabase db) : IClassFixture<SeededDatabase>
{
    private const string Forever = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";

    [Fact]
    public async Task Timeout_interrupts_a_runaway_query_and_the_backend_keeps_working()
    {
        var act = () => db.Backend.ExecuteAsync(Requests.Query(Forever, timeout: TimeSpan.FromMilliseconds(200)), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.Timeout);
        error.Message.Should().Contain("Narrow");
        for (var i = 0; i < 3; i++)
        {
            (await db.Backend.ExecuteAsync(Requests.Query("SELECT count(*) FROM regions"), CancellationToken.None)).Rows[0][0].Should().Be(4L);
        }
    }

    [Fact]
    public async Task Cancellation_interrupts_a_runaway_query()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => db.Backend.ExecuteAsync(Requests.Query(Forever), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await db.Backend.ExecuteAsync(Requests.Query("SELECT 1"), CancellationToken.None)).Rows.Should().HaveCount(1);
    }

    [Theory]
    [InlineData(4, 4, false)]
    [InlineData(5, 4, false)]
    [InlineData(3, 3, true)]
    [InlineData(0, 0, true)]
    public async Task Row_cap_sets_truncated_only_when_more_rows_existed(int maxRows, int expectedRows, bool truncated)
    {
        var result = await db.Backend.ExecuteAsync(Requests.Query("SELECT code FROM regions", maxRows), CancellationToken.None);

        result.Rows.Should().HaveCount(expectedRows);
        result.Truncated.Should().Be(truncated);
        result.Truncation.Should().Be(truncated ? ResultTruncation.Rows : ResultTruncation.None);
    }

    [Fact]
    public async Task Size_cap_truncates_to_the_rows_that_fit()
    {
        var result = await db.Backend.ExecuteAsync(Requests.Query("SELECT full_name, email FROM customers", maxRows: 5_000, maxBytes: 2_000), CancellationToken.None);

        result.Truncated.Should().BeTrue();
        result.Truncation.Should().Be(ResultTruncation.Bytes);
        result.Rows.Should().NotBeEmpty().And.HaveCountLessThan(100);
    }

    [Fact]
    public async Task Size_cap_refuses_when_not_even_one_row_fits()
    {
        var act = () => db.Backend.ExecuteAsync(Requests.Query("SELECT zeroblob(10000)", maxBytes: 1_000), CancellationToken.None);

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.ResultTooLarge);
    }

    [Theory]
    [InlineData("SELECT nope FROM orders", "no such column: nope")]
    [InlineData("SELECT * FROM nowhere", "no such table: nowhere")]
    [InlineData("SELEC 1", "syntax error")]
    public async Task Engine_errors_come_back_as_sql_error_with_the_engine_message(string sql, string message)
    {
        var act = () => db.Backend.ExecuteAsync(Requests.Query(sql), CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.SqlError);
        error.Message.Should().Contain(message).And.NotContain(db.Directory);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  -- nothing\n")]
    public async Task An_empty_query_is_a_sql_error(string sql)
    {
        var act = () => db.Backend.ExecuteAsync(Requests.Query(sql), CancellationToken.None);

        (await act.Should().ThrowAsync<DataEnvException>()).Which.Code.Should().Be(ErrorCodes.SqlError);
    }
}
