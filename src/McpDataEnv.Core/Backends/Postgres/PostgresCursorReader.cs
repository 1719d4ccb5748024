using System.Data;
using System.Text.Json;
using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Declares and reads a cursor: <c>FETCH 0</c> describes the columns, then one <c>FETCH MaxRows + 1</c> streams the
/// rows, one row in memory at a time. Scalars come back in text format (exact, see
/// <see cref="PostgresCellText"/>); arrays and <c>bytea</c> in binary (JSON arrays, byte arrays). Both caps are
/// <see cref="CappedRows"/>, shared with SQLite.
/// </summary>
internal static class PostgresCursorReader
{
    /// <summary><c>DECLARE</c> the cursor for <paramref name="sql"/> and describe its columns (<c>FETCH 0</c>), in one round trip.</summary>
    public static async Task<IReadOnlyList<ResultColumn>> DeclareAndDescribeAsync(NpgsqlConnection connection, string cursor, string sql, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                // The newline ends a trailing "--" comment in the text; the text stays its own Parse.
                new NpgsqlBatchCommand($"DECLARE {cursor} NO SCROLL CURSOR FOR {sql}\n"),
                new NpgsqlBatchCommand($"FETCH FORWARD 0 FROM {cursor}"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return Enumerable.Range(0, reader.FieldCount)
            .Select(i => new ResultColumn(reader.GetName(i), PostgresCellText.BaseType(reader.GetDataTypeName(i))))
            .ToList();
    }

    public static async Task<CappedRows> FetchAsync(
        NpgsqlConnection connection, string cursor, IReadOnlyList<ResultColumn> columns, QueryRequest request, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(FetchSql(cursor, request), connection)
        {
            UnknownResultTypeList = columns.Select(c => !IsBinary(c.Type)).ToArray(),
        };
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SingleResult, ct);
        return await ReadRowsAsync(reader, columns, request, ct);
    }

    /// <summary><c>FETCH FORWARD MaxRows + 1</c>: one row more than returned, so truncation is known without draining.</summary>
    public static string FetchSql(string cursor, QueryRequest request) =>
        $"FETCH FORWARD {Math.Max(0, request.MaxRows) + 1} FROM {cursor}";

    /// <summary>True when every column is read in text format, so the fetch can run in a batch whose results are all text.</summary>
    public static bool AllText(IReadOnlyList<ResultColumn> columns) => !columns.Any(c => IsBinary(c.Type));

    /// <summary>
    /// Reads the rows of the result set <paramref name="reader"/> is on, after checking its columns are
    /// <paramref name="columns"/> (else <see cref="PostgresColumnsChangedException"/>, before any value is read).
    /// </summary>
    /// <remarks>
    /// The reader must not be in <see cref="CommandBehavior.SequentialAccess"/>: then a row is wholly in memory once
    /// <c>ReadAsync</c> has returned, and its cells are read without waiting, instead of an awaited read (a state
    /// machine) per cell. Sequential access would not bound memory better: every cell is read
    /// whole anyway, before <see cref="CappedRows"/> weighs the row.
    /// </remarks>
    public static async Task<CappedRows> ReadRowsAsync(
        NpgsqlDataReader reader, IReadOnlyList<ResultColumn> columns, QueryRequest request, CancellationToken ct)
    {
        if (reader.FieldCount != columns.Count
            || columns.Where((c, i) => reader.GetName(i) != c.Name || PostgresCellText.BaseType(reader.GetDataTypeName(i)) != c.Type).Any())
        {
            throw new PostgresColumnsChangedException();
        }
        var rows = new CappedRows(request);
        while (await reader.ReadAsync(ct) && rows.HasRoomForAnotherRow())
        {
            var row = new object?[columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = ReadCell(reader, i, columns[i].Type);
            }
            if (!rows.TryAdd(row)) break;
        }
        return rows;
    }

    private static bool IsBinary(string type) => type.EndsWith("[]", StringComparison.Ordinal) || type == "bytea";

    private static object? ReadCell(NpgsqlDataReader reader, int i, string type)
    {
        if (reader.IsDBNull(i)) return null;
        if (type == "bytea") return reader.GetFieldValue<byte[]>(i);
        if (IsBinary(type)) return JsonSerializer.SerializeToElement(ReadArray(reader, i, type));
        return PostgresCellText.Convert(type, reader.GetFieldValue<string>(i));
    }

    // Arrays may hold NULLs: value-type elements are read as their nullable form.
    private static object? ReadArray(NpgsqlDataReader reader, int i, string type) => type switch
    {
        "integer[]" => reader.GetFieldValue<int?[]>(i),
        "bigint[]" => reader.GetFieldValue<long?[]>(i),
        "smallint[]" => reader.GetFieldValue<short?[]>(i),
        "numeric[]" => reader.GetFieldValue<decimal?[]>(i),
        "boolean[]" => reader.GetFieldValue<bool?[]>(i),
        "double precision[]" => reader.GetFieldValue<double?[]>(i),
        "real[]" => reader.GetFieldValue<float?[]>(i),
        _ => reader.GetValue(i),
    };
}
