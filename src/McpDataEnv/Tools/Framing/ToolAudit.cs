using System.Text.Json;
using McpDataEnv.Core.Errors;
using McpDataEnv.Core.Governance.Audit;
using McpDataEnv.Hosting;
using ModelContextProtocol.Protocol;

namespace McpDataEnv.Tools;

/// <summary>Turns one finished tool call into an <see cref="AuditEvent"/>.</summary>
internal static class ToolAudit
{
    public static AuditEvent Of(string tool, CallerContext? caller, DateTimeOffset started, double durationMs, CallToolResult? result, Exception? error)
    {
        var (verdict, code, rules) = error switch
        {
            null => ("ok", null, Array.Empty<string>()),
            DataEnvException e => ("refused", e.Code, RulesOf(e)),
            OperationCanceledException => ("cancelled", null, []),
            _ => ("error", ErrorCodes.Internal, []),
        };
        return new AuditEvent(
            started,
            caller?.Principal.Name ?? "unresolved",
            caller?.Principal.Role ?? "unresolved",
            tool,
            ToolCallArguments.Snapshot(),
            verdict,
            code,
            rules,
            error is null ? RowsOf(result) : null,
            durationMs);
    }

    private static string[] RulesOf(DataEnvException error) =>
        error.Details.TryGetValue("rule", out var rule) && rule is not null ? [rule.ToString()!]
        : error.Details.TryGetValue("rules", out var many) && many is IEnumerable<string> list ? [.. list]
        : [];

    private static long? RowsOf(CallToolResult? result) =>
        result?.StructuredContent is { ValueKind: JsonValueKind.Object } content && content.TryGetProperty("row_count", out var count) && count.TryGetInt64(out var rows)
            ? rows
            : null;
}
