using Npgsql;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// Retries administrative transactions (seeding, grants, row-level security) that lost a race with another
/// session doing the same: roles and grants live in cluster-wide catalogs, so two seeds or admin scripts at
/// once (two replicas, two operators, parallel test runs) can deadlock or hit "tuple concurrently updated".
/// PostgreSQL rolled the victim back entirely, so running the whole transaction again is safe.
/// </summary>
internal static class PostgresConcurrentDdl
{
    private const int Attempts = 5;

    public static async Task RunAsync(Func<Task> transaction, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await transaction().ConfigureAwait(false);
                return;
            }
            catch (PostgresException race) when (attempt < Attempts && IsRace(race))
            {
                // Jittered back-off so the two sessions do not collide again in lock-step.
                await Task.Delay(TimeSpan.FromMilliseconds((50 * attempt) + Random.Shared.Next(0, 100)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsRace(PostgresException error) =>
        error.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
        || (error.SqlState == PostgresErrorCodes.InternalError && error.MessageText.Contains("concurrently", StringComparison.Ordinal));
}
