using System.Collections.Frozen;

namespace McpDataEnv.Core.Sql;

/// <summary>
/// Which refusal a keyword stands for: at the head of a statement (<see cref="ForHead"/>) and
/// anywhere in the text (<see cref="ForAnywhere"/>, words that never belong in a read query even
/// nested, e.g. the DELETE of a writable CTE).
/// </summary>
internal static class StatementKeywords
{
    private static readonly FrozenDictionary<string, string> Anywhere = new Dictionary<string, string>
    {
        ["INSERT"] = GateReasons.Write, ["UPDATE"] = GateReasons.Write, ["DELETE"] = GateReasons.Write,
        ["MERGE"] = GateReasons.Write,
        ["CREATE"] = GateReasons.Ddl, ["ALTER"] = GateReasons.Ddl, ["DROP"] = GateReasons.Ddl,
        ["TRUNCATE"] = GateReasons.Ddl, ["VACUUM"] = GateReasons.Ddl, ["REINDEX"] = GateReasons.Ddl,
        ["COMMIT"] = GateReasons.TransactionControl, ["ROLLBACK"] = GateReasons.TransactionControl,
        ["SAVEPOINT"] = GateReasons.TransactionControl,
        ["PRAGMA"] = GateReasons.Pragma,
        ["ATTACH"] = GateReasons.Attach, ["DETACH"] = GateReasons.Attach,
        ["GRANT"] = GateReasons.Permission, ["REVOKE"] = GateReasons.Permission,
        ["INTO"] = GateReasons.SelectInto,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> HeadOnly = new Dictionary<string, string>
    {
        ["REPLACE"] = GateReasons.Write, ["UPSERT"] = GateReasons.Write, ["COPY"] = GateReasons.Write,
        ["COMMENT"] = GateReasons.Ddl, ["ANALYZE"] = GateReasons.Ddl, ["ANALYSE"] = GateReasons.Ddl,
        ["CLUSTER"] = GateReasons.Ddl, ["REFRESH"] = GateReasons.Ddl, ["SECURITY"] = GateReasons.Ddl,
        ["IMPORT"] = GateReasons.Ddl,
        ["BEGIN"] = GateReasons.TransactionControl, ["END"] = GateReasons.TransactionControl,
        ["START"] = GateReasons.TransactionControl, ["RELEASE"] = GateReasons.TransactionControl,
        ["ABORT"] = GateReasons.TransactionControl,
        ["SET"] = GateReasons.SessionControl, ["RESET"] = GateReasons.SessionControl,
        ["DISCARD"] = GateReasons.SessionControl, ["LOAD"] = GateReasons.SessionControl,
        ["LISTEN"] = GateReasons.SessionControl, ["NOTIFY"] = GateReasons.SessionControl,
        ["UNLISTEN"] = GateReasons.SessionControl,
        ["LOCK"] = GateReasons.Locking,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The refusal for a statement that starts with <paramref name="word"/>; null for unknown words.</summary>
    public static string? ForHead(string word) =>
        HeadOnly.TryGetValue(word, out var reason) || Anywhere.TryGetValue(word, out reason) ? reason : null;

    /// <summary>The refusal for <paramref name="word"/> met anywhere as an unquoted keyword, else null.</summary>
    public static string? ForAnywhere(string word) => Anywhere.GetValueOrDefault(word);

    /// <summary>True for the words a read query may start with.</summary>
    public static bool IsQueryHead(string word, SqlDialect dialect) =>
        word.Equals("SELECT", StringComparison.OrdinalIgnoreCase)
        || word.Equals("WITH", StringComparison.OrdinalIgnoreCase)
        || word.Equals("VALUES", StringComparison.OrdinalIgnoreCase)
        || (dialect == SqlDialect.Postgres && word.Equals("TABLE", StringComparison.OrdinalIgnoreCase));
}
