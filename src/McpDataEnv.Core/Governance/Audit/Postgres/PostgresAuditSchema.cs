using Npgsql;

namespace McpDataEnv.Core.Governance.Audit.Postgres;

/// <summary>
/// The audit table of a PostgreSQL environment, <c>mcpdataenv_audit.entries</c>: one row per entry, the sequence number
/// as primary key (two appends can never both claim the same place, so the chain cannot fork), triggers that refuse
/// UPDATE, DELETE and TRUNCATE, and a NOLOGIN role <see cref="WriterRole"/> with SELECT and INSERT only, which the
/// server switches to for its audit transactions when its login is a member. Never readable by the reader role.
/// </summary>
/// <remarks>An administrator can still disable the triggers: that is what <c>mcpdataenv audit verify</c> is for.</remarks>
public static class PostgresAuditSchema
{
    public const string Schema = "mcpdataenv_audit";
    public const string Table = Schema + ".entries";
    public const string WriterRole = "mcpdataenv_audit_writer";

    /// <summary>Creates the schema, table and triggers if missing; needs CREATE on the database. Idempotent.</summary>
    public static IReadOnlyList<string> TableStatements { get; } =
    [
        $"CREATE SCHEMA IF NOT EXISTS {Schema}",
        $"""
        CREATE TABLE IF NOT EXISTS {Table}(
          seq bigint PRIMARY KEY CHECK (seq > 0), at timestamptz NOT NULL, principal text NOT NULL, role text NOT NULL,
          tool text NOT NULL, arguments json NOT NULL, verdict text NOT NULL, code text, rules text[] NOT NULL,
          rows bigint, duration_ms double precision NOT NULL, prev text NOT NULL, hash text NOT NULL UNIQUE)
        """,
        $"""
        CREATE OR REPLACE FUNCTION {Schema}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $mcpdataenv$
        BEGIN RAISE EXCEPTION '{Table} is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $mcpdataenv$
        """,
        $"""
        DO $mcpdataenv$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '{Table}'::regclass AND tgname = 'entries_append_only') THEN
            CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON {Table} FOR EACH ROW EXECUTE FUNCTION {Schema}.refuse_change();
          END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = '{Table}'::regclass AND tgname = 'entries_no_truncate') THEN
            CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON {Table} FOR EACH STATEMENT EXECUTE FUNCTION {Schema}.refuse_change();
          END IF;
        END $mcpdataenv$
        """,
        $"REVOKE ALL ON {Table} FROM PUBLIC",
    ];

    /// <summary>The writer role and its grants (SELECT to find the last link, INSERT to append); needs CREATEROLE.</summary>
    public static IReadOnlyList<string> WriterStatements { get; } =
    [
        $"DO $mcpdataenv$ BEGIN CREATE ROLE {WriterRole} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS; " +
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $mcpdataenv$",
        $"REVOKE ALL ON {Table} FROM {WriterRole}",
        $"GRANT USAGE ON SCHEMA {Schema} TO {WriterRole}",
        $"GRANT SELECT, INSERT ON {Table} TO {WriterRole}",
    ];

    /// <summary>Everything, in order: what <c>mcpdataenv grants</c> prints and <c>seed</c> applies.</summary>
    public static IReadOnlyList<string> Statements { get; } = [.. TableStatements, .. WriterStatements];

    /// <summary>
    /// Switches the current transaction to <see cref="WriterRole"/> when the login may and the role may write the table,
    /// so the server appends with nothing but SELECT and INSERT even when its login could do more.
    /// </summary>
    /// <remarks>The table is named by OID: a login without USAGE on the schema could not even resolve its name.</remarks>
    public const string UseWriterRole =
        "SELECT pg_catalog.set_config('role', r.rolname::text, true) FROM pg_catalog.pg_roles r, pg_catalog.pg_class c " +
        $"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE r.rolname = '{WriterRole}' AND n.nspname = '{Schema}' AND c.relname = 'entries' " +
        "AND pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER') AND pg_catalog.has_table_privilege(r.oid, c.oid, 'INSERT')";

    /// <summary>
    /// Takes the writer role again in a later transaction, once <see cref="UseWriterRole"/> has found that the login may:
    /// a plain SET instead of that catalog query (a third of a millisecond of planning on every append). Should the
    /// membership have been revoked since, it fails and the append is retried the slow way.
    /// </summary>
    public const string KeepWriterRole = $"SET LOCAL ROLE {WriterRole}";

    public const string Exists =
        $"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{Schema}' AND c.relname = 'entries')";

    /// <summary>True when the table exists (no privilege needed to ask).</summary>
    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Exists, connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Creates the table with the connection's own login when it is missing; false when that login may not.</summary>
    public static async Task<bool> TryCreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (await ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var statement in TableStatements)
            {
                await using var command = new NpgsqlCommand(statement, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException)
        {
            // Lost a race with another server creating it (duplicate object) or lacks CREATE: only existence decides.
            await using var again = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await ExistsAsync(again, cancellationToken).ConfigureAwait(false);
        }
    }
}
