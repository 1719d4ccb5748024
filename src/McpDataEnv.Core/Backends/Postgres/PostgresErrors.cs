using System.Net.Sockets;
using McpDataEnv.Core.Errors;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Maps PostgreSQL and Npgsql failures to <see cref="DataEnvException"/> codes. PostgreSQL's primary message
/// and hint are passed on (they name SQL objects, never the connection string); <c>DETAIL</c> is dropped
/// because it can echo row values the caller was not allowed to read.
/// </summary>
internal static class PostgresErrors
{
    public static bool IsConnectionFailure(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException or EndOfStreamException } => true,
        NpgsqlException n => n.IsTransient,
        SocketException or IOException => true,
        _ => false,
    };

    /// <summary>The database cannot be used right now (unreachable, or the login is rejected), else null.</summary>
    public static DataEnvException? Availability(Exception e) =>
        IsConnectionFailure(e) ? Unavailable()
        : e is PostgresException pg && pg.SqlState.StartsWith("28", StringComparison.Ordinal) ? LoginRejected()
        : null;

    public static Exception Map(Exception e)
    {
        if (e is DataEnvException) return e;
        if (Availability(e) is { } unavailable) return unavailable;
        if (e is not PostgresException pg) return e;
        var details = new Dictionary<string, object?> { ["sqlstate"] = pg.SqlState };
        if (pg.Position > 0) details["position"] = pg.Position;
        var text = pg.Hint is { Length: > 0 } hint ? $"{pg.MessageText} (hint: {hint})" : pg.MessageText;
        return pg.SqlState switch
        {
            "57014" => TimedOut(),
            "25006" or "25001" => new DataEnvException(ErrorCodes.EngineRefused,
                $"PostgreSQL refused it in the read-only transaction: {text}. Only read queries are allowed.", details),
            "42501" => new DataEnvException(ErrorCodes.AccessDenied,
                $"PostgreSQL denied access: {text}. Query only the tables and columns your role can read.", details),
            "42601" when pg.MessageText.Contains("multiple commands", StringComparison.Ordinal) =>
                new DataEnvException(ErrorCodes.EngineRefused,
                    "PostgreSQL accepts exactly one statement per call: remove the extra ';'-separated statements.", details),
            _ => new DataEnvException(ErrorCodes.SqlError, $"PostgreSQL error {pg.SqlState}: {text}", details),
        };
    }

    public static DataEnvException TimedOut() => new(
        ErrorCodes.Timeout,
        "The query ran past its time limit and was cancelled. Narrow it (filters, LIMIT, fewer joins) or aggregate first.");

    /// <summary>Invalid authorization (class 28): the operator's configuration, not the query, is wrong; the
    /// message names neither the login nor the connection string.</summary>
    public static DataEnvException LoginRejected() => new(
        ErrorCodes.DatabaseUnavailable,
        "The server could not log in to PostgreSQL with its configured credentials. Ask an operator to check the environment's database settings.");

    public static DataEnvException Unavailable() => new(
        ErrorCodes.DatabaseUnavailable,
        "The PostgreSQL database is not reachable right now. Try again shortly; if it persists, ask an operator to check the server.");
}
