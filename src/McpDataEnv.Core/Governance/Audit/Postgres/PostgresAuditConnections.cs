using Npgsql;

namespace McpDataEnv.Core.Governance.Audit.Postgres;

/// <summary>The audit trail's own connections: the configured login, a pool of its own, nothing echoed into errors.</summary>
internal static class PostgresAuditConnections
{
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            IncludeErrorDetail = false,
            LogParameters = false,
            ApplicationName = "mcpdataenv-audit",
            NoResetOnClose = false,
            // The pool runs nothing but the log's own few statements: prepared once per connection, they skip
            // PostgreSQL's parse and plan on every append (Npgsql keeps them across its reset on close).
            MaxAutoPrepare = 8,
            AutoPrepareMinUsages = 2,
        };
        if (builder.Timeout > 10) builder.Timeout = 10;
        return NpgsqlDataSource.Create(builder);
    }
}
