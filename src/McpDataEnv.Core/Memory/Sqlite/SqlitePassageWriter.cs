using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace McpDataEnv.Core.Memory.Sqlite;

/// <summary>Inserts a passage with its tags and full-text entry (inside the caller's transaction).</summary>
internal static class SqlitePassageWriter
{
    public static (long RowId, string PublicId) Insert(SqliteConnection connection, MemoryWrite write, string content, IReadOnlyList<string> tags)
    {
        var publicId = PassageId.New(write.At);
        var rowId = Convert.ToInt64(SqliteMemoryDatabase.Scalar(
            connection,
            """
            INSERT INTO passages(public_id, environment, principal, content, tags, created_at, created_by, tool, request_id, source)
            VALUES ($id, $e, $p, $content, $tags, $at, $by, $tool, $request, $source) RETURNING id;
            """,
            ("$id", publicId), ("$e", write.Scope.Environment), ("$p", write.Scope.Principal), ("$by", write.Author), ("$content", content),
            ("$tags", JsonSerializer.Serialize(tags)), ("$at", write.At.ToUnixTimeMilliseconds()),
            ("$tool", write.Provenance.Tool), ("$request", write.Provenance.RequestId), ("$source", write.Provenance.Source)));
        foreach (var tag in tags)
        {
            SqliteMemoryDatabase.Execute(connection, "INSERT INTO passage_tags(tag, passage_id) VALUES ($t, $id);", ("$t", tag), ("$id", rowId));
        }

        SqliteMemoryDatabase.Execute(connection, "INSERT INTO memory_fts(rowid, content) VALUES ($id, $content);", ("$id", rowId), ("$content", content));
        return (rowId, publicId);
    }
}
