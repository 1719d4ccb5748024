using System.ComponentModel;
using McpDataEnv.Core.Environments;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Memory;
using McpDataEnv.Hosting;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpDataEnv.Tools;

/// <summary>MCP adapter for archival memory: store a passage, or move a core block into one.</summary>
[McpServerToolType]
public sealed class MemoryArchiveTool
{
    public const string Name = KnownTools.MemoryArchive;

    [McpServerTool(Name = Name, Title = "Archive to memory", ReadOnly = false, Idempotent = false, Destructive = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ArchiveResult))]
    [Description("Stores `content` as an archival passage, or moves core block `key` into one (the block is cleared; nothing is lost). " +
        "Give exactly one of content or key. Store findings and definitions, never personal data.")]
    public static Task<CallToolResult> ArchiveAsync(
        ToolRunner runner,
        RequestContext<CallToolRequestParams> context,
        [Description("Text to archive.")] string? content = null,
        [Description("A core block to move into archival memory.")] string? key = null,
        [Description("Tags for later filtering, e.g. [\"revenue\", \"2025\"].")] string[]? tags = null,
        [Description("private (default) or shared:<name>, a shared scope your role may write.")] string? scope = null,
        CancellationToken cancellationToken = default) =>
        runner.RunAsync(Name, context, async caller =>
        {
            var hasContent = !string.IsNullOrEmpty(content);
            if (hasContent == !string.IsNullOrEmpty(key))
            {
                throw new DataEnvException(
                    ErrorCodes.InvalidArgument,
                    "Give exactly one of content (text to archive) or key (a core block to move into archival memory).",
                    new Dictionary<string, object?> { ["argument"] = hasContent ? "key" : "content" });
            }

            var access = caller.MemoryAccess(runner.Runtime);
            var target = access.ForWrite(scope);
            var provenance = access.Stamp(MemoryToolProvenance.For(Name, context));
            var result = hasContent
                ? await runner.Runtime.Memory.ArchiveAsync(target, content!, tags, provenance, cancellationToken).ConfigureAwait(false)
                : await runner.Runtime.Memory.ArchiveCoreBlockAsync(target, key!, tags, provenance, cancellationToken).ConfigureAwait(false);
            return ToolOutcome.Success(result, hasContent ? $"Archived as {result.Id} ({target.Label})." : $"Core block '{key}' moved to passage {result.Id}; the block is now empty.");
        }, cancellationToken);
}
