using McpDataEnv.Core.Governance.Audit.Postgres;
using McpDataEnv.Core.Memory.Postgres;

namespace McpDataEnv.Core.Backends.Postgres;

/// <summary>
/// What the server's own login needs beyond <see cref="PostgresAdminScript"/>, for <c>mcpdataenv grants --login</c>:
/// membership in the reader role (queries run under <c>SET LOCAL ROLE</c>) and the audit writer role, the memory
/// store's schema owned by the login (it creates and migrates its tables there), and <c>pg_advisory_xact_lock</c>,
/// which the admin script revokes from PUBLIC but the memory store uses to serialise writes across processes.
/// The grant goes to the login itself: a query running as the reader role still may not call it.
/// </summary>
public static class PostgresLoginGrants
{
    public static IReadOnlyList<string> Statements(string login, string readerRole)
    {
        var l = PostgresIdentifier.Quote(login);
        var memory = PostgresIdentifier.Quote(PostgresMemorySchema.DefaultName);
        return
        [
            $"GRANT {PostgresIdentifier.Quote(readerRole)} TO {l}",
            $"GRANT {PostgresAuditSchema.WriterRole} TO {l}",
            $"GRANT EXECUTE ON FUNCTION pg_catalog.pg_advisory_xact_lock(bigint) TO {l}",
            $"CREATE SCHEMA IF NOT EXISTS {memory} AUTHORIZATION {l}",
            $"GRANT USAGE, CREATE ON SCHEMA {memory} TO {l}",
            $"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA {memory} TO {l}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {memory} TO {l}",
        ];
    }
}
