using System.Globalization;
using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// The one path every SQL text takes to the database, whoever sends it (run_readonly_sql,
/// a script's <c>sql()</c>, triangulation): argument checks, the text gate, then the backend
/// with the engine's own read-only guarantees, limits and the caller's access scope.
/// </summary>
public sealed class ReadOnlyQueryService
{
    private readonly IReadOnlySqlGate _gate;
    private readonly ISqlExecutor _executor;
    private readonly LimitSettings _limits;

    public ReadOnlyQueryService(IReadOnlySqlGate gate, ISqlExecutor executor, LimitSettings limits)
    {
        _gate = gate;
        _executor = executor;
        _limits = limits;
    }

    public LimitSettings Limits => _limits;

    /// <summary>Checks and runs one read-only query for the given access scope.</summary>
    /// <param name="maxRows">Requested row cap, or null for the environment's default.</param>
    /// <param name="roleMaxRows">The role's own cap, if the policy sets one.</param>
    public Task<QueryResult> RunAsync(string? sql, int? maxRows, IAccessScope access, int? roleMaxRows, CancellationToken cancellationToken)
    {
        var text = ValidateText(sql);
        var rows = ResolveMaxRows(maxRows, roleMaxRows);
        return ExecuteCheckedAsync(text, rows, _limits.MaxResultBytes, access, cancellationToken);
    }

    /// <summary>
    /// Runs a query on behalf of a sandboxed script's <c>sql()</c>: the same gate, engine checks,
    /// timeout and access scope, but the row and size caps are the sandbox's (scripts aggregate
    /// raw rows, so they may fetch more than a model should read as text).
    /// </summary>
    public Task<QueryResult> RunForScriptAsync(string? sql, int rowCap, long maxResultBytes, IAccessScope access, CancellationToken cancellationToken) =>
        ExecuteCheckedAsync(ValidateText(sql), rowCap, maxResultBytes, access, cancellationToken);

    private Task<QueryResult> ExecuteCheckedAsync(string text, int rows, long maxResultBytes, IAccessScope access, CancellationToken cancellationToken)
    {
        var verdict = _gate.Check(text, _executor.Dialect);
        if (!verdict.IsAllowed)
        {
            throw new DataEnvException(
                ErrorCodes.SqlRejected,
                verdict.Message ?? "The SQL was refused by the read-only gate.",
                new Dictionary<string, object?> { ["reason"] = verdict.Reason });
        }

        var request = new QueryRequest(text, rows, TimeSpan.FromMilliseconds(_limits.StatementTimeoutMs), maxResultBytes, access);
        return _executor.ExecuteAsync(request, cancellationToken);
    }

    private string ValidateText(string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new DataEnvException(ErrorCodes.InvalidArgument, "sql is required: pass one read-only query (SELECT, WITH ... SELECT or VALUES).");
        }

        if (sql.Length > _limits.MaxSqlLength)
        {
            throw new DataEnvException(
                ErrorCodes.SqlRejected,
                string.Create(CultureInfo.InvariantCulture, $"The SQL text is {sql.Length} characters; the limit is {_limits.MaxSqlLength}. Simplify the query."),
                new Dictionary<string, object?> { ["reason"] = GateReasons.TooLong, ["limit"] = _limits.MaxSqlLength });
        }

        return sql;
    }

    private int ResolveMaxRows(int? requested, int? roleMaxRows)
    {
        var cap = Math.Min(_limits.MaxRows, roleMaxRows ?? int.MaxValue);
        if (requested is null)
        {
            return Math.Min(_limits.DefaultRows, cap);
        }

        if (requested < 1 || requested > cap)
        {
            throw new DataEnvException(
                ErrorCodes.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"max_rows must be between 1 and {cap}; got {requested}. Aggregate in SQL instead of fetching more rows."),
                new Dictionary<string, object?> { ["limit"] = cap });
        }

        return requested.Value;
    }
}
