using McpDataEnv.Core.Errors;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>Core block writes, run inside one <c>BEGIN IMMEDIATE</c> transaction the caller owns.</summary>
internal sealed class SqliteCoreWriter(SqliteConnection connection, MemoryWrite write)
{
    public CoreWriteOutcome Write(string key, string value, long? expectedVersion, int maxBlocks)
    {
        SqliteWriteBudget.Enforce(connection, write);
        var current = Find(key);
        var currentVersion = current?.Version ?? 0;
        if (expectedVersion is { } expected && expected != currentVersion)
        {
            throw MemoryRefusals.VersionConflict(key, currentVersion, expected);
        }

        if (string.IsNullOrEmpty(current?.Value) && value.Length > 0 && CountNonEmptyBlocks() >= maxBlocks)
        {
            throw MemoryRefusals.TooManyBlocks(key, maxBlocks);
        }

        var blockId = Upsert(current?.Id, key, value, currentVersion + 1);
        AppendRevision(blockId, currentVersion + 1, current is null ? CoreRevisionActions.Create : CoreRevisionActions.Edit, current?.Value ?? string.Empty, value, null);
        Reindex(blockId, value);
        return new CoreWriteOutcome(currentVersion + 1, currentVersion);
    }

    public string Archive(string key, IReadOnlyList<string> tags)
    {
        SqliteWriteBudget.Enforce(connection, write);
        var current = Find(key);
        if (current is null || current.Value.Length == 0)
        {
            throw SqliteMemoryStore.NotFound(key);
        }

        var passage = SqlitePassageWriter.Insert(connection, write, current.Value, tags);
        Upsert(current.Id, key, string.Empty, current.Version + 1);
        AppendRevision(current.Id, current.Version + 1, CoreRevisionActions.Archive, current.Value, string.Empty, passage.PublicId);
        Reindex(current.Id, string.Empty);
        return passage.PublicId;
    }

    private Row? Find(string key)
    {
        return SqliteMemoryDatabase.Query(
            connection,
            "SELECT id, value, version FROM core_blocks WHERE environment = $e AND principal = $p AND key = $k;",
            reader => reader.Read() ? new Row(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)) : null,
            ("$e", write.Scope.Environment), ("$p", write.Scope.Principal), ("$k", key));
    }

    private long CountNonEmptyBlocks() => Convert.ToInt64(SqliteMemoryDatabase.Scalar(
        connection,
        "SELECT count(*) FROM core_blocks WHERE environment = $e AND principal = $p AND value <> '';",
        ("$e", write.Scope.Environment), ("$p", write.Scope.Principal)));

    private long Upsert(long? id, string key, string value, long version)
    {
        var at = write.At.ToUnixTimeMilliseconds();
        if (id is { } existing)
        {
            SqliteMemoryDatabase.Execute(
                connection,
                "UPDATE core_blocks SET value = $v, version = $version, updated_at = $at, updated_by = $p WHERE id = $id;",
                ("$v", value), ("$version", version), ("$at", at), ("$p", write.Author), ("$id", existing));
            return existing;
        }

        return Convert.ToInt64(SqliteMemoryDatabase.Scalar(
            connection,
            "INSERT INTO core_blocks(environment, principal, key, value, version, updated_at, updated_by) VALUES ($e, $p, $k, $v, $version, $at, $by) RETURNING id;",
            ("$e", write.Scope.Environment), ("$p", write.Scope.Principal), ("$k", key), ("$v", value), ("$version", version), ("$at", at), ("$by", write.Author)));
    }

    private void AppendRevision(long blockId, long version, string action, string oldValue, string newValue, string? passageId) =>
        SqliteMemoryDatabase.Execute(
            connection,
            """
            INSERT INTO core_revisions(block_id, version, action, old_value, new_value, principal, at, tool, request_id, passage_id)
            VALUES ($b, $version, $action, $old, $new, $p, $at, $tool, $request, $passage);
            """,
            ("$b", blockId), ("$version", version), ("$action", action), ("$old", oldValue), ("$new", newValue),
            ("$p", write.Author), ("$at", write.At.ToUnixTimeMilliseconds()),
            ("$tool", write.Provenance.Tool), ("$request", write.Provenance.RequestId), ("$passage", passageId));

    private void Reindex(long blockId, string value)
    {
        var rowId = MemoryFtsRowIds.ForCoreBlock(blockId);
        SqliteMemoryDatabase.Execute(connection, "DELETE FROM memory_fts WHERE rowid = $r;", ("$r", rowId));
        if (value.Length > 0)
        {
            SqliteMemoryDatabase.Execute(connection, "INSERT INTO memory_fts(rowid, content) VALUES ($r, $v);", ("$r", rowId), ("$v", value));
        }
    }

    private sealed record Row(long Id, string Value, long Version);
}
