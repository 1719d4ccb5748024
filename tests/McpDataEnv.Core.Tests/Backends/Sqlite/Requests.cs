using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Governance;

namespace McpDataEnv.Core.Tests.Backends.Sqlite;

internal static class Requests
{
    public static QueryRequest Query(string sql, int maxRows = 1_000, IAccessScope? access = null, TimeSpan? timeout = null, long maxBytes = 10_000_000) =>
        new(sql, maxRows, timeout ?? TimeSpan.FromSeconds(30), maxBytes, access ?? UnrestrictedAccess.Instance);
}
