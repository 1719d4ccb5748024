using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// Inserts rows with one prepared INSERT per table inside the seeding transaction, bound through the raw
/// SQLite API: millions of rows (scale 100) make the per-call overhead of <c>SqliteCommand</c> the seed's cost.
/// Cells are bound by type exactly as Microsoft.Data.Sqlite binds them (long, text, double, null).
/// </summary>
internal sealed class SqliteBulkInserter(sqlite3 db, CancellationToken cancellationToken)
{
    public void Insert<T>(string table, IEnumerable<T> rows, Func<T, object?[]> values)
    {
        sqlite3_stmt? statement = null;
        try
        {
            var count = 0;
            foreach (var row in rows)
            {
                var cells = values(row);
                statement ??= Prepare($"INSERT INTO {table} VALUES ({string.Join(", ", cells.Select((_, i) => $"?{i + 1}"))})");
                for (var i = 0; i < cells.Length; i++)
                {
                    Check(Bind(statement, i + 1, cells[i]));
                }

                if (raw.sqlite3_step(statement) != raw.SQLITE_DONE)
                {
                    throw new InvalidOperationException($"Seeding {table} failed: {SqliteNative.ErrorMessage(db)}");
                }

                raw.sqlite3_reset(statement);
                if (++count % 10_000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }
        finally
        {
            statement?.Dispose();
        }
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    private static int Bind(sqlite3_stmt statement, int index, object? cell) => cell switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        long l => raw.sqlite3_bind_int64(statement, index, l),
        double d => raw.sqlite3_bind_double(statement, index, d),
        string s => raw.sqlite3_bind_text(statement, index, s),
        _ => throw new ArgumentException($"Unsupported seed cell type {cell.GetType().Name}.", nameof(cell)),
    };

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"Seeding statement failed: {SqliteNative.ErrorMessage(db)}");
        }
    }
}
