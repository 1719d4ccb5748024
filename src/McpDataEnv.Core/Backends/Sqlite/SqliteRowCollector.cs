using McpDataEnv.Core.Errors;
using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// Steps a prepared statement and gathers rows up to the caps (<see cref="CappedRows"/>, shared with PostgreSQL).
/// </summary>
internal static class SqliteRowCollector
{
    public static QueryResult Collect(sqlite3 db, sqlite3_stmt stmt, QueryRequest request, Func<Exception> interrupted)
    {
        var count = raw.sqlite3_column_count(stmt);
        var names = new string[count];
        var declared = new string?[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = raw.sqlite3_column_name(stmt, i).utf8_to_string();
            declared[i] = raw.sqlite3_column_decltype(stmt, i).utf8_to_string();
        }

        var rows = new CappedRows(request);
        while (true)
        {
            var rc = raw.sqlite3_step(stmt);
            if (rc == raw.SQLITE_DONE)
            {
                break;
            }

            if (rc != raw.SQLITE_ROW)
            {
                throw (rc & 0xFF) == raw.SQLITE_INTERRUPT ? interrupted() : new DataEnvException(ErrorCodes.SqlError, SqliteNative.ErrorMessage(db));
            }

            if (!rows.HasRoomForAnotherRow() || !rows.TryAdd(ReadRow(stmt, count)))
            {
                break;
            }
        }

        return new QueryResult(Columns(names, declared, rows.Rows), rows.Rows, rows.Truncation, 0);
    }

    private static object?[] ReadRow(sqlite3_stmt stmt, int count)
    {
        var row = new object?[count];
        for (var i = 0; i < count; i++)
        {
            row[i] = SqliteCells.Read(stmt, i);
        }

        return row;
    }

    private static ResultColumn[] Columns(string[] names, string?[] declared, List<object?[]> rows)
    {
        var columns = new ResultColumn[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var type = declared[i] ?? SqliteCells.StorageClass(rows.Select(r => r[i]).FirstOrDefault(v => v is not null));
            columns[i] = new ResultColumn(names[i], type);
        }

        return columns;
    }
}
