using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;
using McpDataEnv.Core.Sql;

namespace McpDataEnv.Core.Scripting;

/// <summary>
/// A script's <c>sql()</c>, served by the server: the same <see cref="ReadOnlyQueryService"/> path as
/// run_readonly_sql (gate, engine, timeout, the caller's access scope and row filters), so a script
/// can read nothing its caller could not.
/// </summary>
/// <remarks>
/// A result larger than the per-call row cap is refused rather than cut: a script aggregating a
/// silently truncated set would compute a wrong number with full confidence.
/// </remarks>
public sealed class QueryServiceSqlBridge : ISqlBridge
{
    /// <summary>Size cap for one sql() result; the worker's hard heap limit is the backstop.</summary>
    public const long MaxResultBytes = 128L * 1024 * 1024;

    private readonly ReadOnlyQueryService _queries;
    private readonly IAccessScope _access;
    private readonly int _rowCap;

    public QueryServiceSqlBridge(ReadOnlyQueryService queries, IAccessScope access, int rowCap)
    {
        _queries = queries;
        _access = access;
        _rowCap = rowCap;
    }

    public async Task<SqlBridgeResult> QueryAsync(string sql, CancellationToken ct)
    {
        try
        {
            var result = await _queries.RunForScriptAsync(sql, _rowCap, MaxResultBytes, _access, ct).ConfigureAwait(false);
            if (result.Truncated)
            {
                return SqlBridgeResult.Fail(
                    ErrorCodes.LimitExceeded,
                    $"sql() returned more than {_rowCap} rows (the per-call cap). Aggregate or filter in SQL, or page with LIMIT/OFFSET.");
            }

            return SqlBridgeResult.Ok(result);
        }
        catch (DataEnvException refusal)
        {
            return SqlBridgeResult.Fail(refusal.Code, refusal.Message);
        }
    }
}
