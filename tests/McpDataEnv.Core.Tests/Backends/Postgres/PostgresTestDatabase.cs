namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>The admin connection string of the test cluster; fails (never skips) when it is not running.</summary>
internal static class PostgresTestDatabase
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("MCPDATAENV_TEST_PG") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "MCPDATAENV_TEST_PG is not set. Start the test cluster: scripts/pg-test-cluster.sh start && . .pgtest/env");
}
