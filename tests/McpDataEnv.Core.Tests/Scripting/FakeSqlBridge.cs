using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>The server's seam, faked with fixed rows: database behaviour is tested end to end elsewhere.</summary>
internal sealed class FakeSqlBridge : ISqlBridge
{
    public const string Rows = """[{"region":"north","amount":10},{"region":"south","amount":"2.5"},{"region":"north","amount":null}]""";
    private int _calls;

    public int Calls => _calls;

    public Task<SqlBridgeResult> QueryAsync(string sql, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        if (sql.Contains("DELETE", StringComparison.OrdinalIgnoreCase))
            throw new DataEnvException(ErrorCodes.SqlRejected, "Only read-only queries are allowed.");
        if (sql.Contains("many", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(SqlBridgeResult.Ok("[]", 1_000_000));
        return Task.FromResult(SqlBridgeResult.Ok(Rows, 3));
    }
}
