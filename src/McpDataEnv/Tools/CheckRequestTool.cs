using System.ComponentModel;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Governance.Requests;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Tools;

/// <summary>MCP adapter for the pre-flight check (<see cref="RequestChecker"/>).</summary>
[McpServerToolType]
public sealed class CheckRequestTool
{
    public const string Name = KnownTools.CheckRequest;

    [McpServerTool(Name = Name, Title = "Check a request against the policy", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RequestCheckResult))]
    [Description("Before querying, declare the question and the tables, columns (table.column) and metrics you need. Returns whether your role may read them " +
        "(violations name the rule), the rules and canonical metric definitions that apply, and a plan_id for the execution tools. Reads no data.")]
    public static Task<CallToolResult> CheckAsync(
        ToolRunner runner,
        [Description("The question you are answering, in words.")] string question,
        [Description("Tables you will read.")] string[]? tables = null,
        [Description("Columns you will read, as table.column.")] string[]? columns = null,
        [Description("Metric names from the business rules (e.g. revenue).")] string[]? metrics = null,
        RequestContext<CallToolRequestParams>? context = null,
        CancellationToken cancellationToken = default) =>
        runner.RunAsync(Name, context, async caller =>
        {
            var schema = await TryReadSchemaAsync(runner, cancellationToken).ConfigureAwait(false);
            var input = new RequestCheckInput(question ?? string.Empty, tables ?? [], columns ?? [], metrics ?? []);
            var result = runner.Runtime.Requests.Check(input, caller.Access, caller.Role, schema);
            return ToolOutcome.Success(result, CheckRequestText.Render(result));
        }, cancellationToken);

    private static async Task<Core.Backends.LiveSchema?> TryReadSchemaAsync(ToolRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.Runtime.Backend.ReadSchemaAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Core.Errors.DataEnvException)
        {
            return null; // the database is down: the policy can still be checked, unknown names cannot
        }
    }
}
