using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Backends.Postgres;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Tests.Backends.Postgres;

internal static class PostgresQueries
{
    public static Task<QueryResult> RunAsync(this PostgresBackend backend, string sql, int maxRows = 1000,
        IAccessScope? access = null, TimeSpan? timeout = null, long maxBytes = 10_000_000) =>
        backend.ExecuteAsync(new QueryRequest(sql, maxRows, timeout ?? TimeSpan.FromSeconds(10), maxBytes, access ?? UnrestrictedAccess.Instance),
            CancellationToken.None);
}
