using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>Creates and migrates the memory store schema; <c>schema_version</c> records how far it got.</summary>
internal static class MemorySchema
{
    public const int CurrentVersion = 2;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE core_blocks(
            id INTEGER PRIMARY KEY,
            environment TEXT NOT NULL, principal TEXT NOT NULL, key TEXT NOT NULL,
            value TEXT NOT NULL, version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL,
            UNIQUE(environment, principal, key));
        CREATE TABLE core_revisions(
            id INTEGER PRIMARY KEY,
            block_id INTEGER NOT NULL REFERENCES core_blocks(id),
            version INTEGER NOT NULL, action TEXT NOT NULL,
            old_value TEXT NOT NULL, new_value TEXT NOT NULL,
            principal TEXT NOT NULL, at INTEGER NOT NULL,
            tool TEXT NOT NULL, request_id TEXT, passage_id TEXT,
            UNIQUE(block_id, version));
        CREATE INDEX ix_core_revisions_writer ON core_revisions(principal, at);
        CREATE TABLE passages(
            id INTEGER PRIMARY KEY,
            public_id TEXT NOT NULL UNIQUE,
            environment TEXT NOT NULL, principal TEXT NOT NULL,
            content TEXT NOT NULL, tags TEXT NOT NULL,
            created_at INTEGER NOT NULL, created_by TEXT NOT NULL,
            tool TEXT NOT NULL, request_id TEXT, source TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'active');
        CREATE INDEX ix_passages_scope_time ON passages(environment, principal, created_at, id);
        CREATE INDEX ix_passages_writer ON passages(created_by, created_at);
        CREATE TABLE passage_tags(
            tag TEXT NOT NULL,
            passage_id INTEGER NOT NULL REFERENCES passages(id),
            PRIMARY KEY(tag, passage_id)) WITHOUT ROWID;
        -- Per-principal write counts per minute bucket (sliding-window rate limit in O(1), see SqliteWriteBudget).
        CREATE TABLE write_counts(
            principal TEXT NOT NULL, minute INTEGER NOT NULL, count INTEGER NOT NULL,
            PRIMARY KEY(principal, minute)) WITHOUT ROWID;
        -- Rowids: see MemoryFtsRowIds (passages below 2^62, core blocks above).
        CREATE VIRTUAL TABLE memory_fts USING fts5(content, tokenize = 'porter unicode61 remove_diacritics 2');
        """,
        // Version 2: passages.state was never written (every passage stayed 'active'; nothing is ever deleted). Dropped
        // rather than kept as a filter every search paid for. A shared scope needs no column: it is the reserved principal 'shared:<name>'.
        """
        ALTER TABLE passages DROP COLUMN state;
        """,
    ];

    /// <summary>Brings the schema to <see cref="CurrentVersion"/>; safe when several processes open the store at once.</summary>
    public static void Migrate(SqliteMemoryDatabase database)
    {
        using var connection = database.Open();
        SqliteMemoryDatabase.Execute(connection, "PRAGMA journal_mode=WAL;");
        database.InWriteTransaction(connection, () =>
        {
            SqliteMemoryDatabase.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL);");
            var current = Convert.ToInt32(SqliteMemoryDatabase.Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_version;"));
            if (current > CurrentVersion)
            {
                throw new InvalidOperationException($"The memory store has schema version {current}; this server knows up to {CurrentVersion}.");
            }

            for (var version = current + 1; version <= CurrentVersion; version++)
            {
                SqliteMemoryDatabase.Execute(connection, Migrations[version - 1]);
                SqliteMemoryDatabase.Execute(connection, $"INSERT INTO schema_version(version) VALUES ({version});");
            }

            return 0;
        });
    }
}
