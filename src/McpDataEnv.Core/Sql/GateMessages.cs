namespace McpDataEnv.Core.Sql;

/// <summary>Actionable refusal texts: what was found, and what to send instead.</summary>
/// <remarks>These texts reach the model verbatim; they quote only keywords and function names from the SQL.</remarks>
internal static class GateMessages
{
    public static GateVerdict Refuse(string reason, string found) => GateVerdict.Refused(reason, reason switch
    {
        GateReasons.Write => $"{found} writes data, and this is a read-only workspace. Send a SELECT query instead.",
        GateReasons.Ddl => $"{found} changes the schema or storage, which is not allowed. Send a SELECT query instead.",
        GateReasons.TransactionControl =>
            $"{found} controls transactions, which the server manages itself. Send just the SELECT query.",
        GateReasons.Pragma => $"{found} is not allowed. Call describe_schema to inspect tables and columns.",
        GateReasons.Attach => $"{found} (attaching databases) is not allowed. Query only this environment's tables.",
        GateReasons.SelectInto =>
            "SELECT ... INTO creates a table, which is not allowed. Remove the INTO clause to get the rows back.",
        GateReasons.Permission => $"{found} changes privileges or roles, which is not allowed. Send only the query.",
        GateReasons.SessionControl =>
            $"{found} changes session state, which is not allowed; the server sets limits itself. Send only the query.",
        GateReasons.Locking => $"{found} takes locks, which a read query does not need. Remove the locking clause.",
        GateReasons.ForbiddenFunction =>
            $"The query calls {found}(), which reaches outside the data (files, sessions, settings, sequences or " +
            "sleeping) and is refused. Remove that call.",
        _ => $"The text starts with {found}, which is not a query. Send one SELECT (or WITH ... SELECT, VALUES) query.",
    });

    public static GateVerdict MultipleStatements(int found) => GateVerdict.Refused(
        GateReasons.MultipleStatements,
        found > 1
            ? $"Only one statement per call: found {found}. Send each query separately."
            : "Only one statement per call, with at most one trailing ';'. Remove the extra ';'.");

    public static GateVerdict Syntax(string message) => GateVerdict.Refused(GateReasons.Syntax, message);
}
