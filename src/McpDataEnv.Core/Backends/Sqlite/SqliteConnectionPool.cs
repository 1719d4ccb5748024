using System.Collections.Concurrent;

namespace McpDataEnv.Core.Backends.Sqlite;

/// <summary>
/// A small pool of <see cref="SqliteReadConnection"/>s: opening is cheap but each new connection
/// re-parses the schema on first use, so warm connections are kept. One pool per row-filter set
/// (<see cref="SqliteShadowViews"/>), so roles never share a connection; <paramref name="slots"/> is shared
/// by all pools of a backend and bounds the queries running at once.
/// </summary>
internal sealed class SqliteConnectionPool(string path, SemaphoreSlim slots, SqliteShadowViews views) : IDisposable
{
    private readonly ConcurrentBag<SqliteReadConnection> _idle = [];
    private readonly SemaphoreSlim _slots = slots;
    private int _generation;
    private bool _disposed;

    public async Task<SqliteReadConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _idle.TryTake(out var connection) ? connection : SqliteReadConnection.Open(path, Volatile.Read(ref _generation), views);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Gives a connection back; one that was interrupted or belongs to an older file is closed instead.</summary>
    public void Return(SqliteReadConnection connection, bool reusable)
    {
        if (reusable && !_disposed && connection.Generation == Volatile.Read(ref _generation))
        {
            _idle.Add(connection);
        }
        else
        {
            connection.Dispose();
        }

        _slots.Release();
    }

    /// <summary>Closes idle connections and retires busy ones, e.g. after the file was replaced by a re-seed.</summary>
    public void Reset()
    {
        Interlocked.Increment(ref _generation);
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Reset();
    }
}
