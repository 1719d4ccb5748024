using System.Text.RegularExpressions;
using Npgsql;

namespace McpDataEnv.Core.Memory.Postgres;

/// <summary>Creates the memory tables in their own schema (never the analytics schema), once, under an advisory lock.</summary>
internal static partial class PostgresMemorySchema
{
    public const string DefaultName = "mcpdataenv_memory";

    public static string Validate(string schema) =>
        SchemaName().IsMatch(schema) ? schema : throw new ArgumentException("The memory schema name must match ^[a-z_][a-z0-9_]{0,62}$.", nameof(schema));

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string s, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Two processes starting at once would race on the catalog; the lock makes the second wait and find the tables.
        await PostgresMemorySql.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(7275629107462881)", cancellationToken).ConfigureAwait(false);
        string[] statements =
        [
            // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists: a login given its
            // schema by `mcpdataenv grants --login` has no such right, so the schema is only created when missing.
            $"DO $mcpdataenv$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = '{s}') THEN CREATE SCHEMA {s}; END IF; END $mcpdataenv$",
            $"""
            CREATE TABLE IF NOT EXISTS {s}.core_blocks(
              id bigserial PRIMARY KEY, environment text NOT NULL, principal text NOT NULL, key text NOT NULL,
              value text NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL, updated_by text NOT NULL,
              tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', value)) STORED,
              UNIQUE (environment, principal, key))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS {s}.core_revisions(
              block_id bigint NOT NULL REFERENCES {s}.core_blocks(id), version bigint NOT NULL, action text NOT NULL,
              old_value text NOT NULL, new_value text NOT NULL, principal text NOT NULL, at timestamptz NOT NULL,
              tool text NOT NULL, request_id text, passage_id text, PRIMARY KEY (block_id, version))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS {s}.passages(
              id bigserial PRIMARY KEY, public_id text NOT NULL UNIQUE, environment text NOT NULL, principal text NOT NULL,
              content text NOT NULL, tags text[] NOT NULL, created_at timestamptz NOT NULL, created_by text NOT NULL,
              tool text NOT NULL, request_id text, source text NOT NULL,
              tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED)
            """,
            $"CREATE INDEX IF NOT EXISTS passages_tsv ON {s}.passages USING gin (tsv)",
            $"CREATE INDEX IF NOT EXISTS passages_tags ON {s}.passages USING gin (tags)",
            $"CREATE INDEX IF NOT EXISTS passages_recent ON {s}.passages (environment, principal, created_at DESC, id DESC)",
            $"""
            CREATE TABLE IF NOT EXISTS {s}.write_counts(
              environment text NOT NULL, principal text NOT NULL, minute bigint NOT NULL, count integer NOT NULL,
              PRIMARY KEY (environment, principal, minute))
            """,
        ];
        foreach (var statement in statements)
        {
            await PostgresMemorySql.ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
