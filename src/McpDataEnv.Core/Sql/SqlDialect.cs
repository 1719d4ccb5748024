namespace McpDataEnv.Core.Sql;

/// <summary>The SQL dialect a backend speaks; the gate accepts that dialect's read syntax.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}
