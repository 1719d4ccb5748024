using McpDataEnv.Core.Backends.Sqlite;
using McpDataEnv.Core.Errors;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

public sealed class SqliteConcurrencyTests(SeededDatabase db) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task Parallel_queries_each_get_their_own_correct_answer()
    {
        var tasks = Enumerable.Range(1, 64).Select(i => Task.Run(async () =>
        {
            var result = await db.Backend.ExecuteAsync(Requests.Query($"SELECT count(*) FROM orders WHERE order_id <= {i * 100}"), CancellationToken.None);
            return (Expected: i * 100L, Actual: (long)result.Rows[0][0]!);
        }));

        var results = await Task.WhenAll(tasks);

        results.Should().OnlyContain(r => r.Expected == r.Actual);
    }

    [Fact]
    public async Task Parallel_denials_and_successes_do_not_leak_between_connections()
    {
        await using var backend = new SqliteBackend(db.Path, maxConcurrentQueries: 2);
        var tasks = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var denied = i % 2 == 0;
            var scope = new DenyColumnScope("customers", denied ? "email" : "nothing");
            try
            {
                await backend.ExecuteAsync(Requests.Query("SELECT email FROM customers LIMIT 1", access: scope), CancellationToken.None);
                return !denied;
            }
            catch (DataEnvException e) when (e.Code == ErrorCodes.AccessDenied)
            {
                return denied;
            }
        }));

        (await Task.WhenAll(tasks)).Should().OnlyContain(ok => ok);
    }
}
