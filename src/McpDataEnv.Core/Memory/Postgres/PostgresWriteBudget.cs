using McpDataEnv.Core.Errors;
using Npgsql;

namespace McpDataEnv.Core.Memory.Postgres;

/// <summary>
/// The per-principal write rate inside the write transaction (same sliding window as the SQLite store). The upsert
/// locks the principal's counter row, so concurrent writers from any process are counted one after another; a refused
/// write rolls its increment back with the rest of the transaction.
/// </summary>
internal static class PostgresWriteBudget
{
    private const long MinuteMs = 60_000;

    public static async Task EnforceAsync(NpgsqlConnection connection, string s, MemoryWrite write, CancellationToken cancellationToken)
    {
        if (write.WritesPerMinute <= 0)
        {
            return;
        }

        var atMs = write.At.ToUnixTimeMilliseconds();
        var minute = atMs / MinuteMs;
        var (e, p) = (write.Scope.Environment, write.Author);
        var current = await PostgresMemorySql.ScalarAsync<int>(
            connection,
            $"""
            INSERT INTO {s}.write_counts(environment, principal, minute, count) VALUES ($1, $2, $3, 1)
            ON CONFLICT (environment, principal, minute) DO UPDATE SET count = {s}.write_counts.count + 1 RETURNING count
            """,
            cancellationToken, e, p, minute).ConfigureAwait(false);
        var previous = await PostgresMemorySql.ScalarAsync<int>(
            connection, $"SELECT count FROM {s}.write_counts WHERE environment = $1 AND principal = $2 AND minute = $3", cancellationToken, e, p, minute - 1).ConfigureAwait(false);
        var previousWeight = 1.0 - ((double)(atMs % MinuteMs) / MinuteMs);
        if (current - 1 + (previous * previousWeight) >= write.WritesPerMinute)
        {
            throw MemoryRefusals.RateLimited(write.WritesPerMinute);
        }

        await PostgresMemorySql.ExecuteAsync(
            connection, $"DELETE FROM {s}.write_counts WHERE environment = $1 AND principal = $2 AND minute < $3", cancellationToken, e, p, minute - 1).ConfigureAwait(false);
    }
}
