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
        };
        if (builder.Timeout > 10) builder.Timeout = 10;
        return NpgsqlDataSource.Create(builder);
    }
}
