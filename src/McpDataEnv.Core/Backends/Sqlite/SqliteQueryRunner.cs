using System.Diagnostics;
using McpDataEnv.Core.Errors;
using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// Runs one request on one hardened connection: prepare under the authorizer, demand exactly one
/// read-only statement, step under the interrupter, stop at the row and size caps.
/// </summary>
internal static class SqliteQueryRunner
{
    /// <summary>Runs the query; <paramref name="interrupted"/> tells the pool not to reuse the connection.</summary>
    public static QueryResult Run(SqliteReadConnection connection, QueryRequest request, CancellationToken cancellationToken, out bool interrupted)
    {
        var clock = Stopwatch.StartNew();
        var interrupter = new SqliteInterrupter(connection.Db, request.Timeout, cancellationToken);
        connection.Authorizer.Begin(request.Access);
        try
        {
            using var stmt = Prepare(connection, request.Sql, interrupter, request, cancellationToken);
            var result = SqliteRowCollector.Collect(connection.Db, stmt, request, () => Interrupted(interrupter, request, cancellationToken));
            return result with { ElapsedMs = clock.Elapsed.TotalMilliseconds, Reads = [.. connection.Authorizer.Reads] };
        }
        finally
        {
            connection.Authorizer.End();
            interrupter.Dispose();
            interrupted = interrupter.Fired;
        }
    }

    private static sqlite3_stmt Prepare(SqliteReadConnection connection, string sql, SqliteInterrupter interrupter, QueryRequest request, CancellationToken cancellationToken)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Db, sql, out var stmt, out var tail);
        if (rc != raw.SQLITE_OK)
        {
            stmt?.Dispose();
            throw PrepareFailure(connection, rc, interrupter, request, cancellationToken);
        }

        if (stmt is null || stmt.IsInvalid)
        {
            stmt?.Dispose();
            throw new DataEnvException(ErrorCodes.SqlError, "The query is empty: send one SELECT statement.");
        }

        if (!SqliteStatementTail.IsBlank(tail))
        {
            stmt.Dispose();
            throw Refused("more than one statement", "Send exactly one SELECT statement, without a second statement after ';'.");
        }

        if (raw.sqlite3_stmt_readonly(stmt) == 0)
        {
            stmt.Dispose();
            throw Refused("a statement that writes", "Only read-only SELECT queries are allowed.");
        }

        return stmt;
    }

    private static Exception PrepareFailure(SqliteReadConnection connection, int rc, SqliteInterrupter interrupter, QueryRequest request, CancellationToken cancellationToken)
    {
        var authorizer = connection.Authorizer;
        if (authorizer.Fault is { } fault)
        {
            return new InvalidOperationException("The access scope failed while the statement was authorized.", fault);
        }

        if (authorizer.Denial is { } denial)
        {
            return new DataEnvException(
                ErrorCodes.AccessDenied,
                $"Access denied: reading {denial.Table}.{denial.Column} is not allowed ({denial.Rule}). {denial.Message} Remove that column from the query.",
                new Dictionary<string, object?> { ["table"] = denial.Table, ["column"] = denial.Column, ["rule"] = denial.Rule });
        }

        if (authorizer.Refusal is { } refusal)
        {
            return Refused(refusal, "Only read-only SELECT queries are allowed.");
        }

        return (rc & 0xFF) == raw.SQLITE_INTERRUPT || interrupter.Fired
            ? Interrupted(interrupter, request, cancellationToken)
            : new DataEnvException(ErrorCodes.SqlError, SqliteNative.ErrorMessage(connection.Db));
    }

    private static DataEnvException Refused(string what, string advice) =>
        new(ErrorCodes.EngineRefused, $"The database engine refused {what}. {advice}", new Dictionary<string, object?> { ["refused"] = what });

    private static Exception Interrupted(SqliteInterrupter interrupter, QueryRequest request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException(cancellationToken);
        }

        return new DataEnvException(
            ErrorCodes.Timeout,
            $"The query did not finish within {request.Timeout.TotalSeconds:0.###} s and was stopped. Narrow it: filter rows, aggregate, or add LIMIT.",
            new Dictionary<string, object?> { ["timeout_ms"] = (long)request.Timeout.TotalMilliseconds });
    }
}
