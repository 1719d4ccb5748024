using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>Human words for the authorizer action codes SQLite reports, for refusal messages.</summary>
internal static class SqliteActionNames
{
    public static string Describe(int action, string? subject) => action switch
    {
        raw.SQLITE_INSERT => $"INSERT into {subject}",
        raw.SQLITE_UPDATE => $"UPDATE of {subject}",
        raw.SQLITE_DELETE => $"DELETE from {subject}",
        raw.SQLITE_PRAGMA => $"PRAGMA {subject}",
        raw.SQLITE_ATTACH => "ATTACH",
        raw.SQLITE_DETACH => "DETACH",
        raw.SQLITE_TRANSACTION => "transaction control",
        raw.SQLITE_SAVEPOINT => "SAVEPOINT",
        raw.SQLITE_ALTER_TABLE => "ALTER TABLE",
        raw.SQLITE_ANALYZE => "ANALYZE",
        raw.SQLITE_REINDEX => "REINDEX",
        >= raw.SQLITE_CREATE_INDEX and <= raw.SQLITE_CREATE_VIEW => "CREATE",
        >= raw.SQLITE_DROP_INDEX and <= raw.SQLITE_DROP_VIEW => "DROP",
        raw.SQLITE_CREATE_VTABLE => "CREATE VIRTUAL TABLE",
        raw.SQLITE_DROP_VTABLE => "DROP VIRTUAL TABLE",
        _ => $"action {action}",
    };
}
