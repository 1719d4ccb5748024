using System.ComponentModel;
using McpDataEnv.Core.Environments;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Tools;

/// <summary>MCP adapter for the annotated, role-filtered schema.</summary>
[McpServerToolType]
public sealed class DescribeSchemaTool
{
    public const string Name = KnownTools.DescribeSchema;

    [McpServerTool(Name = Name, Title = "Describe the schema", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(DescribedSchema))]
    [Description("Lists the tables and columns you may read, with types, keys, row counts, descriptions, units and tags (pii, confidential). Call it before writing SQL.")]
    public static Task<CallToolResult> DescribeAsync(
        ToolRunner runner,
        [Description("Only this table (optional).")] string? table = null,
        [Description("Re-read the live database schema instead of the cached copy, e.g. after tables or comments changed (optional).")] bool refresh = false,
        RequestContext<CallToolRequestParams>? context = null,
        CancellationToken cancellationToken = default) =>
        runner.RunAsync(Name, context, async caller =>
        {
            var schema = await runner.Runtime.Schema.DescribeAsync(table, caller.Access, refresh, cancellationToken).ConfigureAwait(false);
            return ToolOutcome.Success(schema, SchemaText.Render(schema));
        }, cancellationToken);
}
