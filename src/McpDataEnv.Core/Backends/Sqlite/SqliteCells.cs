using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>Reads result cells as JSON-ready values.</summary>
internal static class SqliteCells
{
    /// <summary>
    /// INTEGER → long, REAL → double, TEXT → string, BLOB → byte[], NULL → null. Infinite reals
    /// (SQLite can produce them, JSON cannot hold them) become the strings "Infinity"/"-Infinity".
    /// </summary>
    public static object? Read(sqlite3_stmt stmt, int column)
    {
        switch (raw.sqlite3_column_type(stmt, column))
        {
            case raw.SQLITE_INTEGER:
                return raw.sqlite3_column_int64(stmt, column);
            case raw.SQLITE_FLOAT:
                var value = raw.sqlite3_column_double(stmt, column);
                return double.IsFinite(value) ? value : (value > 0 ? "Infinity" : "-Infinity");
            case raw.SQLITE_TEXT:
                return raw.sqlite3_column_text(stmt, column).utf8_to_string();
            case raw.SQLITE_BLOB:
                return raw.sqlite3_column_blob(stmt, column).ToArray();
            default:
                return null;
        }
    }

    /// <summary>The storage class name, used as the column type of expressions without a declared type.</summary>
    public static string StorageClass(object? value) => value switch
    {
        long => "INTEGER",
        double => "REAL",
        string => "TEXT",
        byte[] => "BLOB",
        _ => "NULL",
    };
}
