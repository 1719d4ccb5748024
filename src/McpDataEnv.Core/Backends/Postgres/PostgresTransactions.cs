using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>Transaction chores shared by every PostgreSQL path (queries, audit appends).</summary>
internal static class PostgresTransactions
{
    /// <summary>
    /// Ends whatever transaction the connection is in; never throws. A connection the server dropped fails here too,
    /// and the error that caused the rollback is what the caller reports: the pool discards a broken connection and
    /// resets a healthy one (DISCARD ALL) on return.
    /// </summary>
    public static async Task RollbackQuietlyAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
        {
            // See the summary.
        }
    }

    /// <summary>
    /// Process-wide: Npgsql must never split <c>;</c>-separated text client-side, so PostgreSQL itself refuses a
    /// stacked statement (one statement per Parse). Every class that opens PostgreSQL connections calls this first.
    /// </summary>
    public static void DisableSqlRewriting() => AppContext.SetSwitch("Npgsql.EnableSqlRewriting", false);
}
