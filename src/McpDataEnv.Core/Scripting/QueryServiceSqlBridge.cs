using System.Globalization;
using McpDataEnv.Core.Backends;
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
/// A result cut by either cap (the per-call row cap, or the size cap) is refused rather than handed over:
/// a script aggregating a silently truncated set would compute a wrong number with full confidence.
/// The refusal says which cap, so the script's author knows whether to filter rows or narrow columns.
/// </remarks>
public sealed class QueryServiceSqlBridge : ISqlBridge
{
    /// <summary>Default size cap for one sql() result; the worker's hard heap limit is the backstop.</summary>
    public const long MaxResultBytes = 128L * 1024 * 1024;

    private readonly ReadOnlyQueryService _queries;
    private readonly IAccessScope _access;
    private readonly int _rowCap;
    private readonly long _maxResultBytes;

    public QueryServiceSqlBridge(ReadOnlyQueryService queries, IAccessScope access, int rowCap, long maxResultBytes = MaxResultBytes)
    {
        _queries = queries;
        _access = access;
        _rowCap = rowCap;
        _maxResultBytes = maxResultBytes;
    }

    public async Task<SqlBridgeResult> QueryAsync(string sql, CancellationToken ct)
    {
        try
        {
            var result = await _queries.RunForScriptAsync(sql, _rowCap, _maxResultBytes, _access, ct).ConfigureAwait(false);
            return result.Truncation switch
            {
                ResultTruncation.Rows => SqlBridgeResult.Fail(
                    ErrorCodes.LimitExceeded,
                    string.Create(CultureInfo.InvariantCulture,
                        $"sql() returned more than {_rowCap} rows (the per-call cap). Aggregate or filter in SQL, or page with LIMIT/OFFSET.")),
                ResultTruncation.Bytes => SqlBridgeResult.Fail(
                    ErrorCodes.ResultTooLarge,
                    string.Create(CultureInfo.InvariantCulture,
                        $"sql() result passed the {_maxResultBytes}-byte size cap after {result.Rows.Count} rows; a script never gets part of a result. Select only the columns you need, aggregate or filter in SQL, or page with LIMIT/OFFSET.")),
                _ => SqlBridgeResult.Ok(result),
            };
        }
        catch (DataEnvException refusal)
        {
            return SqlBridgeResult.Fail(refusal.Code, refusal.Message);
        }
    }
}
