using McpDataEnv.Core.Sql;

namespace McpDataEnv.Core.Backends;

/// <summary>
/// Runs one read-only query with the engine's own guarantees (read-only connection or
/// transaction, engine verdict on the statement, timeout, row and size caps).
/// </summary>
/// <remarks>
/// Refusals and limits surface as <see cref="Errors.DataEnvException"/> with codes
/// <c>engine_refused</c>, <c>access_denied</c>, <c>timeout</c>, <c>result_too_large</c>,
/// <c>sql_error</c> or <c>database_unavailable</c>; messages never carry connection strings.
/// </remarks>
public interface ISqlExecutor
{
    SqlDialect Dialect { get; }

    Task<QueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken);
}
