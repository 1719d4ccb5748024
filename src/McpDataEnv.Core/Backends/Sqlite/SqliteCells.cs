using System.Text;
using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>Reads result cells as JSON-ready values and estimates their serialized size.</summary>
internal static class SqliteCells
{
    /// <summary>
    /// INTEGER → long, REAL → double, TEXT → string, BLOB → byte[], NULL → null. Infinite reals
    /// (SQLite can produce them, JSON cannot hold them) become the strings "Infinity"/"-Infinity".
    /// </summary>
    public static object? Read(sqlite3_stmt stmt, int column, out int jsonBytes)
    {
        switch (raw.sqlite3_column_type(stmt, column))
        {
            case raw.SQLITE_INTEGER:
                jsonBytes = 20;
                return raw.sqlite3_column_int64(stmt, column);
            case raw.SQLITE_FLOAT:
                var value = raw.sqlite3_column_double(stmt, column);
                jsonBytes = 24;
                return double.IsFinite(value) ? value : (value > 0 ? "Infinity" : "-Infinity");
            case raw.SQLITE_TEXT:
                var text = raw.sqlite3_column_text(stmt, column).utf8_to_string();
                jsonBytes = Encoding.UTF8.GetByteCount(text) + 2;
                return text;
            case raw.SQLITE_BLOB:
                var bytes = raw.sqlite3_column_blob(stmt, column).ToArray();
                jsonBytes = ((bytes.Length + 2) / 3 * 4) + 2;
                return bytes;
            default:
                jsonBytes = 4;
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
