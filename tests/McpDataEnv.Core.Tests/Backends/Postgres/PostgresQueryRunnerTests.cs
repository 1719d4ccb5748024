using McpDataEnv.Core.Tests.Backends.Sqlite;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

/// <summary>How many round trips a query costs: every check of a first-seen text is pipelined, whatever the caller's role.</summary>
public sealed class PostgresQueryRunnerTests(PostgresRowSecurityFixture db) : IClassFixture<PostgresRowSecurityFixture>
{
    [Theory]
    [InlineData("analyst")]
    [InlineData("emea_manager")] // row filters: the view lookup rides in the catalog batch
    public async Task A_first_seen_text_takes_four_round_trips_and_its_repeat_one(string role)
    {
        var scope = SqliteRowFilterTests.Scope(role);
        await db.Backend.RunAsync("SELECT count(*) FROM regions", access: scope); // opens and checks the pooled connection outside the count
        var sql = $"SELECT count(*) FROM orders o JOIN regions r ON r.region_id = o.region_id WHERE o.order_id > {Random.Shared.Next(-1_000_000, 0)}";

        using (var first = NpgsqlRoundTrips.Start())
        {
            await db.Backend.RunAsync(sql, access: scope);
            first.Count.Should().Be(4, "BEGIN + settings + EXPLAIN; the catalog lookups; DECLARE + FETCH 0; FETCH + ROLLBACK. Sent:\n" + first.Describe());
        }

        using var repeat = NpgsqlRoundTrips.Start();
        await db.Backend.RunAsync(sql, access: scope);
        repeat.Count.Should().Be(1, "a remembered text runs as one pipelined batch. Sent:\n" + repeat.Describe());
    }
}
