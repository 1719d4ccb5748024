using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>One write waiting in <see cref="SqliteGroupCommit"/>: runs in its own savepoint, finishes after the commit.</summary>
internal sealed class SqlitePendingWrite(Action<SqliteConnection> body)
{
    private readonly ManualResetEventSlim signal = new();
    private bool promoted;
    private volatile bool done;

    /// <summary>The write's own refusal or fault, kept until the batch's outcome is known.</summary>
    public Exception? Failure { get; private set; }

    public void Run(SqliteConnection connection)
    {
        SqliteMemoryDatabase.Execute(connection, "SAVEPOINT memory_write;");
        try
        {
            body(connection);
            SqliteMemoryDatabase.Execute(connection, "RELEASE memory_write;");
        }
        catch (Exception e) when (e is not SqliteException)
        {
            SqliteMemoryDatabase.Execute(connection, "ROLLBACK TO memory_write; RELEASE memory_write;");
            Failure = e;
        }
    }

    /// <summary>Blocks until the write finished (false) or this caller must lead the next batch (true).</summary>
    public bool WaitForTurn()
    {
        signal.Wait();
        lock (signal)
        {
            signal.Reset();
            return promoted && !done;
        }
    }

    public void Promote()
    {
        lock (signal)
        {
            promoted = true;
            signal.Set();
        }
    }

    public void Complete(Exception? failure)
    {
        lock (signal)
        {
            Failure = failure;
            done = true;
            signal.Set();
        }
    }

    public void ThrowIfFailed()
    {
        while (!done)
        {
            signal.Wait();
        }

        if (Failure is not null)
        {
            ExceptionDispatchInfo.Capture(Failure).Throw();
        }
    }
}
