using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>Inserts rows with one prepared, re-bound INSERT per table inside the seeding transaction.</summary>
internal sealed class SqliteBulkInserter(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
{
    public void Insert<T>(string table, IEnumerable<T> rows, Func<T, object?[]> values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var parameters = new List<SqliteParameter>();
        var count = 0;
        foreach (var row in rows)
        {
            var cells = values(row);
            if (parameters.Count == 0)
            {
                for (var i = 0; i < cells.Length; i++)
                {
                    parameters.Add(command.Parameters.Add(new SqliteParameter($"$p{i}", null)));
                }

                command.CommandText = $"INSERT INTO {table} VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))})";
                command.Prepare();
            }

            for (var i = 0; i < cells.Length; i++)
            {
                parameters[i].Value = cells[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            if (++count % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
