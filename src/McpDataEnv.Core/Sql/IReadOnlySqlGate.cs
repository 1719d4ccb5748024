namespace McpDataEnv.Core.Sql;

/// <summary>
/// First layer of read-only enforcement: decides from the text alone (ScriptDom parse, or its
/// token stream where dialect syntax defeats the T-SQL grammar) whether the SQL is exactly one
/// read-only query. The engine layers behind it must hold even if this gate were removed.
/// </summary>
public interface IReadOnlySqlGate
{
    GateVerdict Check(string sql, SqlDialect dialect);
}
