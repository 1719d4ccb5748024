using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// One hardened read-only connection: opened with <c>SQLITE_OPEN_READONLY</c>, <c>query_only</c> on,
/// no attached databases allowed, defensive mode, no extension loading, untrusted schema, and the
/// <see cref="SqliteAuthorizer"/> installed. Each of these refuses writes on its own.
/// </summary>
internal sealed class SqliteReadConnection : IDisposable
{
    private const int MaxValueBytes = 32 * 1024 * 1024;
    private const int MaxSqlBytes = 1024 * 1024;

    private SqliteReadConnection(sqlite3 db, int generation)
    {
        Db = db;
        Generation = generation;
    }

    public sqlite3 Db { get; }

    public SqliteAuthorizer Authorizer { get; } = new();

    /// <summary>The pool generation it was opened in; a re-seed starts a new one.</summary>
    public int Generation { get; }

    public static SqliteReadConnection Open(string path, int generation)
    {
        var db = SqliteNative.OpenReadOnly(path);
        try
        {
            raw.sqlite3_busy_timeout(db, 2_000);
            raw.sqlite3_limit(db, raw.SQLITE_LIMIT_ATTACHED, 0);
            raw.sqlite3_limit(db, raw.SQLITE_LIMIT_LENGTH, MaxValueBytes);
            raw.sqlite3_limit(db, raw.SQLITE_LIMIT_SQL_LENGTH, MaxSqlBytes);
            raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_DEFENSIVE, 1, out _);
            raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, out _);
            raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, out _);
            raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, out _);
            SqliteNative.ExecOrThrow(db, "PRAGMA query_only = 1");
            var connection = new SqliteReadConnection(db, generation);
            connection.Authorizer.Install(db);
            return connection;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    public void Dispose() => Db.Dispose();
}
