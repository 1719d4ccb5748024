using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Metrics;
using McpDataEnv.Core.Sql;
using McpDataEnv.Core.Tests.Backends.Postgres;
using McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Metrics;

/// <summary>A SQL path reads its value from a whole result, on real SQLite and real PostgreSQL; a truncated one is never compared.</summary>
public sealed class TriangulationPathsTests(SeededDatabase sqlite, PostgresSchemaFixture postgres)
    : IClassFixture<SeededDatabase>, IClassFixture<PostgresSchemaFixture>, IDisposable
{
    private readonly ReadOnlySqlGate _gate = new();

    // A first row that reads as the number 5, then a row too big for a 1,000-byte result.
    private static readonly string FiveThenHuge =
        $"SELECT v FROM (SELECT '5' AS v, 1 AS o UNION ALL SELECT '{new string('x', 2_000)}' AS v, 2 AS o) t ORDER BY o";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_SQL_path_cut_by_the_size_cap_is_refused_not_read_as_its_first_row(string backend)
    {
        var act = () => SqlPath(backend, FiveThenHuge).Compute(CancellationToken.None);

        var error = (await act.Should().ThrowAsync<DataEnvException>()).Which;
        error.Code.Should().Be(ErrorCodes.ResultTooLarge);
        error.Message.Should().Contain("sql query's result passed the result-size cap after 1 row(s)").And.Contain("exactly one row");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_SQL_path_of_one_row_within_the_caps_is_read(string backend)
    {
        var value = await SqlPath(backend, "SELECT '5' AS v").Compute(CancellationToken.None);

        value.Exact.Should().Be(5m);
    }

    public void Dispose() => _gate.Dispose();

    private TriangulationPath SqlPath(string backend, string sql)
    {
        ISqlExecutor executor = backend == "sqlite" ? sqlite.Backend : postgres.Backend;
        var queries = new ReadOnlyQueryService(_gate, executor, LimitSettings.Defaults with { MaxResultBytes = 1_000 });
        // As triangulate_metric runs it: two rows fetched, so "more than one row" is seen.
        return TriangulationPaths.Sql("sql", ct => queries.RunAsync(sql, 2, UnrestrictedAccess.Instance, roleMaxRows: null, ct));
    }
}
