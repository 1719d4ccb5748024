using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>Opens connections to the memory database file with the store's pragmas, and runs write transactions.</summary>
/// <remarks>
/// Writes go through one long-lived connection per instance with group commit (<see cref="SqliteGroupCommit"/>):
/// writers of this process queue instead of sleeping in SQLite's busy handler, and share commits. Other processes are
/// serialised by SQLite's own write lock (<c>BEGIN IMMEDIATE</c> + <c>busy_timeout</c>).
/// </remarks>
internal sealed class SqliteMemoryDatabase : IDisposable
{
    private readonly string connectionString;
    private readonly string pragmas;

    // Native handles that already ran the pragmas: a pooled connection keeps its handle, and the pragmas stay set on it.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = new();

    // Prepared statements of the long-lived write connection, by SQL text: a write runs about a dozen statements, and
    // preparing each anew cost more than executing it. Read connections come from the pool and prepare as usual.
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Statements = new();
    private readonly Lock writerLock = new();
    private readonly SqliteGroupCommit groupCommit;
    private SqliteConnection? writer;

    public SqliteMemoryDatabase(string path, SqliteMemoryStoreOptions options)
    {
        Backends.Sqlite.SqliteNative.EnsureInitialised();
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, options.BusyTimeoutMs / 1000),
        }.ToString();
        pragmas = $"PRAGMA busy_timeout={options.BusyTimeoutMs}; PRAGMA synchronous={(options.SynchronousFull ? "FULL" : "NORMAL")}; PRAGMA foreign_keys=ON;";
        groupCommit = new SqliteGroupCommit(Writer, RunOnWriter);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        if (configured.TryAdd(connection.Handle!, this))
        {
            Execute(connection, pragmas);
        }
        return connection;
    }

    /// <summary>Runs <paramref name="body"/> in <c>BEGIN IMMEDIATE</c>: the write lock is taken up front, so checks inside see the latest committed state of every process.</summary>
    public T InWriteTransaction<T>(SqliteConnection connection, Func<T> body)
    {
        Execute(connection, "BEGIN IMMEDIATE;");
        try
        {
            var result = body();
            Execute(connection, "COMMIT;");
            return result;
        }
        catch
        {
            // SQLite may already have rolled back on its own (for example after SQLITE_FULL).
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                Execute(connection, "ROLLBACK;");
            }

            throw;
        }
    }

    /// <summary>Runs <paramref name="body"/> as one write (its own savepoint in a group-committed transaction); returns after the commit.</summary>
    public T Write<T>(Func<SqliteConnection, T> body) => groupCommit.Write(body);

    public void Dispose()
    {
        lock (writerLock)
        {
            writer?.Dispose();
            writer = null;
        }
    }

    private SqliteConnection Writer()
    {
        lock (writerLock)
        {
            if (writer is null)
            {
                writer = Open();
                Statements.Add(writer, new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
            }

            return writer;
        }
    }

    private bool RunOnWriter(SqliteConnection connection, Action batch)
    {
        try
        {
            return InWriteTransaction(connection, () =>
            {
                batch();
                return true;
            });
        }
        catch (SqliteException)
        {
            // Start the next batch on a fresh connection rather than trust one that just failed.
            lock (writerLock)
            {
                connection.Dispose();
                writer = null;
            }

            throw;
        }
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        if (Statements.TryGetValue(connection, out var cache))
        {
            Reuse(cache, connection, sql, parameters).ExecuteNonQuery();
            return;
        }

        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        if (Statements.TryGetValue(connection, out var cache))
        {
            return Reuse(cache, connection, sql, parameters).ExecuteScalar();
        }

        using var command = Command(connection, sql, parameters);
        return command.ExecuteScalar();
    }

    /// <summary>Runs a query and hands its reader to <paramref name="read"/> (prepared once on the write connection).</summary>
    public static T Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        if (Statements.TryGetValue(connection, out var cache))
        {
            using var cachedReader = Reuse(cache, connection, sql, parameters).ExecuteReader();
            return read(cachedReader);
        }

        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        return read(reader);
    }

    /// <summary>The write connection's command for <paramref name="sql"/>, prepared once, with fresh parameter values.</summary>
    private static SqliteCommand Reuse(Dictionary<string, SqliteCommand> cache, SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        if (!cache.TryGetValue(sql, out var command))
        {
            command = Command(connection, sql);
            cache[sql] = command;
        }

        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
