namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>Tuning of <see cref="SqliteMemoryStore"/>.</summary>
/// <param name="SynchronousFull">
/// False (default): WAL with <c>synchronous=NORMAL</c>. A commit is in the WAL file (the OS page cache) before it is
/// acknowledged, so every acknowledged write survives the process being killed (kill -9, crash); a power loss or
/// kernel panic may lose the last commits before the next checkpoint, never corrupt the store.
/// True: <c>synchronous=FULL</c>, an fsync per commit; survives power loss, at the cost of write throughput.
/// </param>
/// <param name="BusyTimeoutMs">How long a write waits for another connection or process holding the write lock.</param>
/// <param name="RankWindow">
/// A query matching more passages than this ranks only the newest this many (bm25 costs microseconds per matching
/// row: on 100k realistic passages a window of 1,500 measured 7-18 ms p50 per broad query on the loaded 2-core machine, 500 about
/// 2-4 ms) and reports the ranking as partial.
/// </param>
/// <param name="BroadTermMinRows">
/// From this many passages on, a query term found in more than half of them is left out of the ranking (bm25 gives it
/// no weight but scans its whole posting list); a query of only such terms lists the newest matches. Reported as partial.
/// </param>
public sealed record SqliteMemoryStoreOptions(bool SynchronousFull = false, int BusyTimeoutMs = 10_000, int RankWindow = 500, long BroadTermMinRows = 10_000)
{
    public static SqliteMemoryStoreOptions Default { get; } = new();
}
