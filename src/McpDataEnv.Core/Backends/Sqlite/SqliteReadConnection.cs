using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// One hardened read-only connection: opened with <c>SQLITE_OPEN_READONLY</c>, <c>query_only</c> on,
/// no attached databases allowed, the role's row-filter TEMP views (<see cref="SqliteShadowViews"/>), defensive mode, no extension loading, untrusted schema, and the
/// <see cref="SqliteAuthorizer"/> installed. Each of these refuses writes on its own.
/// </summary>
internal sealed class SqliteReadConnection : IDisposable
{
    private const int MaxValueBytes = 32 * 1024 * 1024;
    private const int MaxSqlBytes = 1024 * 1024;

    private SqliteReadConnection(sqlite3 db, int generation, SqliteShadowViews views)
    {
        Db = db;
        Generation = generation;
        Views = views;
        Authorizer = new SqliteAuthorizer(views.Tables);
    }

    public sqlite3 Db { get; }

    public SqliteAuthorizer Authorizer { get; }

    /// <summary>The row filters built into this connection (TEMP views); it serves only scopes with the same set.</summary>
    public SqliteShadowViews Views { get; }

    /// <summary>The pool generation it was opened in; a re-seed starts a new one.</summary>
    public int Generation { get; }

    public static SqliteReadConnection Open(string path, int generation, SqliteShadowViews? views = null)
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
            views ??= SqliteShadowViews.None;
            if (views.Tables.Count > 0)
            {
                // TEMP objects live in the temp database, which the read-only open leaves writable:
                // create the views first, then query_only and the authorizer shut every write, temp included.
                SqliteNative.ExecOrThrow(db, views.CreateScript());
            }

            SqliteNative.ExecOrThrow(db, "PRAGMA query_only = 1");
            var connection = new SqliteReadConnection(db, generation, views);
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
