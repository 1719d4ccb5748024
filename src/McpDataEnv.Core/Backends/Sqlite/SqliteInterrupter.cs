using SQLitePCL;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// Calls <c>sqlite3_interrupt</c> on the connection when the statement timeout passes or the caller
/// cancels. Disposing waits for a running callback, so no interrupt can land after the query ends.
/// </summary>
internal sealed class SqliteInterrupter : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _registration;
    private volatile bool _fired;

    public SqliteInterrupter(sqlite3 db, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            _source.CancelAfter(timeout);
        }

        _registration = _source.Token.Register(() =>
        {
            _fired = true;
            raw.sqlite3_interrupt(db);
        });
    }

    /// <summary>True once an interrupt was sent; the connection may then carry a stale interrupt flag.</summary>
    public bool Fired => _fired;

    public void Dispose()
    {
        _registration.Dispose();
        _source.Dispose();
    }
}
