using System.Text.Json;
using McpDataEnv.Core.Backends;
using McpDataEnv.Core.Scripting;

namespace McpDataEnv.Core.Tests.Scripting;

/// <summary>The server's seam answering with a query result (columnar wire format), cells as backends normalise them.</summary>
internal sealed class TableSqlBridge : ISqlBridge
{
    public static QueryResult Sample { get; } = new(
        [new ResultColumn("id", "INTEGER"), new ResultColumn("name", "TEXT"), new ResultColumn("id", "INTEGER"), new ResultColumn("meta", "JSON"),
         new ResultColumn("ok", "BOOLEAN"), new ResultColumn("price", "NUMERIC")],
        [
            [1L, "a\"b\n", 10L, JsonDocument.Parse("""{"tags":["x","y"],"n":{"k":1}}""").RootElement.Clone(), true, 12.50m],
            [2L, null, 20L, null, false, 0.1],
        ],
        Truncation: ResultTruncation.None,
        ElapsedMs: 0);

    public Task<SqlBridgeResult> QueryAsync(string sql, CancellationToken ct) =>
        Task.FromResult(sql.Contains("deep", StringComparison.Ordinal) ? SqlBridgeResult.Ok(Deep()) : SqlBridgeResult.Ok(Sample));

    private static QueryResult Deep()
    {
        var json = new string('[', 300) + new string(']', 300);
        return new QueryResult([new ResultColumn("j", "JSON")], [[JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 400 }).RootElement.Clone()]], ResultTruncation.None, 0);
    }
}
