using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Scripting;
using McpDataEnv.Core.Sql;
using McpDataEnv.Core.Tests.Backends.Postgres;
using McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>
/// A script's sql() never gets part of a result: cut by the row cap or by the size cap, on real SQLite and real
/// PostgreSQL, it is an explicit error that names the cap.
/// </summary>
public sealed class QueryServiceSqlBridgeTests(SeededDatabase sqlite, PostgresSchemaFixture postgres)
    : IClassFixture<SeededDatabase>, IClassFixture<PostgresSchemaFixture>, IDisposable
{
    private const int RowCap = 20;
    private const long ByteCap = 1_000;
    private readonly ReadOnlySqlGate _gate = new();

    // Fifty rows of about 65 bytes each: over the row cap, and over the size cap after 15 rows.
    private static string Rows(int count) =>
        $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) " +
        "SELECT i, 'row ' || i || ' of fifty, padded to make each row weigh something' AS label FROM n";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_result_over_the_row_cap_is_refused_as_limit_exceeded(string backend)
    {
        var answer = await Bridge(backend, maxResultBytes: 1_000_000).QueryAsync(Rows(50), CancellationToken.None);

        answer.ErrorCode.Should().Be(ErrorCodes.LimitExceeded);
        answer.ErrorMessage.Should().Contain($"more than {RowCap} rows");
        answer.Table.Should().BeNull();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_result_over_the_size_cap_is_refused_as_result_too_large_never_handed_over_in_part(string backend)
    {
        var answer = await Bridge(backend, ByteCap).QueryAsync(Rows(RowCap), CancellationToken.None);

        answer.ErrorCode.Should().Be(ErrorCodes.ResultTooLarge);
        answer.ErrorMessage.Should().Contain($"{ByteCap}-byte size cap after 15 rows").And.Contain("never gets part of a result");
        answer.Table.Should().BeNull();
        answer.RowCount.Should().Be(0);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_result_within_both_caps_is_handed_over_whole(string backend)
    {
        var answer = await Bridge(backend, ByteCap).QueryAsync(Rows(10), CancellationToken.None);

        answer.IsError.Should().BeFalse(answer.ErrorMessage);
        answer.Table!.Rows.Should().HaveCount(10);
        answer.Table.Truncation.Should().Be(ResultTruncation.None);
    }

    public void Dispose() => _gate.Dispose();

    private QueryServiceSqlBridge Bridge(string backend, long maxResultBytes)
    {
        ISqlExecutor executor = backend == "sqlite" ? sqlite.Backend : postgres.Backend;
        var queries = new ReadOnlyQueryService(_gate, executor, LimitSettings.Defaults);
        return new QueryServiceSqlBridge(queries, UnrestrictedAccess.Instance, RowCap, maxResultBytes);
    }
}
