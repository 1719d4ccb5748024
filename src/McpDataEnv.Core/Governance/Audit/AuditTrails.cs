using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance.Audit.Postgres;

namespace McpDataEnv.Core.Governance.Audit;

/// <summary>
/// Where an environment keeps its audit trail, the one place it is chosen per backend kind: a table in the
/// database for PostgreSQL environments (<see cref="PostgresAuditSchema.Table"/>, shared by every replica), JSON Lines
/// next to the data otherwise (<c>&lt;env&gt;/data/audit.jsonl</c>).
/// </summary>
public static class AuditTrails
{
    public static string JsonlPath(EnvironmentDefinition environment) => Path.Combine(environment.DataPath, "audit.jsonl");

    /// <summary>The log tool calls append to (nothing is created or connected until the first append).</summary>
    public static IAuditLog Open(EnvironmentDefinition environment) => IsPostgres(environment)
        ? new PostgresAuditLog(environment.Database.ConnectionString ?? string.Empty)
        : new JsonlAuditLog(JsonlPath(environment));

    /// <summary>Reads the same trail back, for verify and tail.</summary>
    public static IAuditReader Reader(EnvironmentDefinition environment) => IsPostgres(environment)
        ? new PostgresAuditReader(environment.Database.ConnectionString ?? string.Empty)
        : new JsonlAuditReader(JsonlPath(environment));

    private static bool IsPostgres(EnvironmentDefinition environment) =>
        string.Equals(environment.Database.Provider, BackendRegistry.Postgres, StringComparison.Ordinal);
}
