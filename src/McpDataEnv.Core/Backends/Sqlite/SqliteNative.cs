using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>One-time native initialisation and the raw-handle helpers shared by the SQLite classes.</summary>
internal static class SqliteNative
{
    private static readonly Lazy<bool> Initialised = new(() =>
    {
        Batteries_V2.Init();
        return true;
    });

    public static void EnsureInitialised() => _ = Initialised.Value;

    /// <summary>Opens <paramref name="path"/> strictly read-only: no create, no URI parsing of the path.</summary>
    public static sqlite3 OpenReadOnly(string path)
    {
        EnsureInitialised();
        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = db is null ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(db).utf8_to_string();
            db?.Dispose();
            throw new Errors.DataEnvException(
                Errors.ErrorCodes.DatabaseUnavailable,
                $"The database cannot be opened ({message}). Ask the operator to seed or check the environment.");
        }

        return db;
    }

    /// <summary>Runs internal SQL that must succeed (setup pragmas); failure is an internal fault.</summary>
    public static void ExecOrThrow(sqlite3 db, string sql)
    {
        if (raw.sqlite3_exec(db, sql, out var error) != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite setup statement failed: {error}");
        }
    }

    public static string ErrorMessage(sqlite3 db) => raw.sqlite3_errmsg(db).utf8_to_string();
}
