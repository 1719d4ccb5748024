using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>
/// Group commit: writes that arrive while another is committing are run together in the next transaction, each in its
/// own savepoint, with one commit (and, with <c>synchronous=FULL</c>, one fsync) for all. A refused write rolls back to
/// its savepoint and changes nothing; every write is acknowledged only after its transaction committed.
/// </summary>
/// <remarks>
/// The first waiting caller leads: it runs one batch on the shared connection, then hands the lead to the oldest
/// write still queued, so no caller serves others for long.
/// </remarks>
internal sealed class SqliteGroupCommit(Func<SqliteConnection> connection, Func<SqliteConnection, Action, bool> inTransaction)
{
    private const int MaxBatch = 64;
    private readonly Lock gate = new();
    private readonly Queue<SqlitePendingWrite> queue = new();
    private bool leading;

    public T Write<T>(Func<SqliteConnection, T> body)
    {
        T result = default!;
        var pending = new SqlitePendingWrite(c => result = body(c));
        bool lead;
        lock (gate)
        {
            queue.Enqueue(pending);
            lead = !leading;
            leading = true;
        }

        if (lead || pending.WaitForTurn())
        {
            RunBatch();
        }

        pending.ThrowIfFailed();
        return result;
    }

    private void RunBatch()
    {
        List<SqlitePendingWrite> batch;
        lock (gate)
        {
            batch = [];
            while (batch.Count < MaxBatch && queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }
        }

        try
        {
            var target = connection();
            inTransaction(target, () => batch.ForEach(write => write.Run(target)));
            batch.ForEach(write => write.Complete(write.Failure));
        }
        catch (Exception e)
        {
            // The transaction is gone: nothing in this batch was committed.
            batch.ForEach(write => write.Complete(write.Failure ?? e));
        }
        finally
        {
            lock (gate)
            {
                if (queue.TryPeek(out var successor))
                {
                    successor.Promote();
                }
                else
                {
                    leading = false;
                }
            }
        }
    }
}
