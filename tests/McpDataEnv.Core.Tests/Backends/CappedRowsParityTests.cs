using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Tests.Backends.Postgres;
using McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Backends;

/// <summary>
/// Both caps behave the same on both backends: the same query, asked of real SQLite and real PostgreSQL with the
/// same caps, returns the same rows with the same truncation, or the same refusal.
/// </summary>
public sealed class CappedRowsParityTests(SeededDatabase sqlite, PostgresSchemaFixture postgres)
    : IClassFixture<SeededDatabase>, IClassFixture<PostgresSchemaFixture>
{
    // Fifty rows of about 65 bytes each (as JSON), in syntax both dialects read the same way.
    private const string FiftyRows =
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) " +
        "SELECT i, 'row ' || i || ' of fifty, padded to make each row weigh something' AS label FROM n ORDER BY i";

    [Theory]
    [InlineData(1_000, 1_000_000, ResultTruncation.None, 50)]
    [InlineData(7, 1_000_000, ResultTruncation.Rows, 7)]
    [InlineData(1_000, 1_000, ResultTruncation.Bytes, 15)]
    [InlineData(7, 1_000, ResultTruncation.Rows, 7)]
    [InlineData(20, 1_000, ResultTruncation.Bytes, 15)]
    public async Task The_same_query_stops_at_the_same_row_for_the_same_reason_on_SQLite_and_PostgreSQL(
        int maxRows, long maxBytes, ResultTruncation expected, int expectedRows)
    {
        var onSqlite = await sqlite.Backend.ExecuteAsync(Requests.Query(FiftyRows, maxRows, maxBytes: maxBytes), CancellationToken.None);
        var onPostgres = await postgres.Backend.RunAsync(FiftyRows, maxRows, maxBytes: maxBytes);

        onSqlite.Truncation.Should().Be(expected);
        onPostgres.Truncation.Should().Be(expected);
        onSqlite.Truncated.Should().Be(expected != ResultTruncation.None);
        onSqlite.Rows.Should().HaveCount(expectedRows);
        onPostgres.Rows.Should().BeEquivalentTo(onSqlite.Rows, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task A_first_row_over_the_size_cap_is_the_same_result_too_large_on_SQLite_and_PostgreSQL()
    {
        var onSqlite = () => sqlite.Backend.ExecuteAsync(Requests.Query(FiftyRows, maxBytes: 50), CancellationToken.None);
        var onPostgres = () => postgres.Backend.RunAsync(FiftyRows, maxBytes: 50);

        var sqliteError = (await onSqlite.Should().ThrowAsync<DataEnvException>()).Which;
        var postgresError = (await onPostgres.Should().ThrowAsync<DataEnvException>()).Which;
        sqliteError.Code.Should().Be(ErrorCodes.ResultTooLarge);
        sqliteError.Message.Should().Contain("A single row is about").And.Contain("50-byte result limit");
        postgresError.Code.Should().Be(sqliteError.Code);
        postgresError.Message.Should().Be(sqliteError.Message);
        postgresError.Details.Should().BeEquivalentTo(sqliteError.Details);
    }
}
