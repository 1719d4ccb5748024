using McpDataEnv.Core.Errors;
using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// Steps a prepared statement and gathers rows up to the caps. Past <c>MaxRows</c> or past
/// <c>MaxResultBytes</c> it stops and sets <c>Truncated</c>: a model does better with the first rows
/// and an explicit signal than with nothing. Only when not even one row fits is it <c>result_too_large</c>.
/// </summary>
internal static class SqliteRowCollector
{
    private const int RowOverheadBytes = 3;

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

        var rows = new List<object?[]>();
        var truncated = false;
        long bytes = 2;
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

            if (rows.Count >= request.MaxRows)
            {
                truncated = true;
                break;
            }

            var row = ReadRow(stmt, count, out var rowBytes);
            bytes += rowBytes;
            if (bytes > request.MaxResultBytes)
            {
                if (rows.Count == 0)
                {
                    throw TooLarge(request, rowBytes);
                }

                truncated = true;
                break;
            }

            rows.Add(row);
        }

        return new QueryResult(Columns(names, declared, rows), rows, truncated, 0);
    }

    private static object?[] ReadRow(sqlite3_stmt stmt, int count, out long rowBytes)
    {
        var row = new object?[count];
        rowBytes = RowOverheadBytes + count;
        for (var i = 0; i < count; i++)
        {
            row[i] = SqliteCells.Read(stmt, i, out var cellBytes);
            rowBytes += cellBytes;
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

    private static DataEnvException TooLarge(QueryRequest request, long rowBytes) => new(
        ErrorCodes.ResultTooLarge,
        $"A single row is about {rowBytes} bytes, over the {request.MaxResultBytes}-byte result limit. Select fewer or shorter columns (e.g. substr()).",
        new Dictionary<string, object?> { ["max_result_bytes"] = request.MaxResultBytes, ["row_bytes"] = rowBytes });
}
